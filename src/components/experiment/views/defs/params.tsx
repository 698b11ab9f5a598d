/** The parameter table: computed from the spec as the reader edits it, before any training. */
import { ParamTable } from '../ParamTable';
import type { ViewDef } from '../types';

export const view: ViewDef<{ caption?: string }> = {
  name: 'params',
  Component: ({ ctx, options }) => <ParamTable spec={ctx.spec} caption={options.caption} />,
};
