/** Every demo in the book, for the embed route. Each chapter's demos live in their own module here. */
import type { DemoConfig, GalleryConfig, SweepConfig } from '../components/experiment/types';

const modules = import.meta.glob<{ demos?: DemoConfig[]; sweeps?: SweepConfig[]; galleries?: GalleryConfig[] }>('./*.ts', { eager: true });

export const allDemos: DemoConfig[] = Object.values(modules).flatMap((m) => m.demos ?? []);
export const allSweeps: SweepConfig[] = Object.values(modules).flatMap((m) => m.sweeps ?? []);
export const allGalleries: GalleryConfig[] = Object.values(modules).flatMap((m) => m.galleries ?? []);
