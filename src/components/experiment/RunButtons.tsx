/**
 * Train, Pause and Resume are one button whose label changes in place, so a keyboard reader who presses it keeps
 * their focus; a button that cannot act now stays focusable (aria-disabled) and a press does nothing.
 */
import type { Ref } from 'preact';
import { useRef } from 'preact/hooks';
import type { DemoState } from './state';

interface ActionProps {
  label: string;
  disabled: boolean;
  onPress: () => void;
  primary?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
}

function Action({ label, disabled, onPress, primary, buttonRef }: ActionProps) {
  return (
    <button
      type="button"
      ref={buttonRef}
      class={primary ? 'lc-button lc-button--primary' : 'lc-button'}
      aria-disabled={disabled ? 'true' : undefined}
      onClick={() => {
        if (!disabled) onPress();
      }}
    >
      {label}
    </button>
  );
}

export function RunButtons({ state, live }: { state: DemoState; live: boolean }) {
  const phase = state.phase.value;
  const invalid = state.invalid.value;
  const primaryRef = useRef<HTMLButtonElement>(null);
  const busy = phase === 'running' || phase === 'loading';
  const primary = busy
    ? { label: 'Pause', disabled: false, onPress: () => state.pause() }
    : phase === 'paused'
      ? { label: 'Resume', disabled: false, onPress: () => state.resume() }
      : { label: phase === 'idle' ? 'Train' : 'Train again', disabled: invalid, onPress: () => void state.train() };
  return (
    <div class="lc-buttons" role="group" aria-label="Run controls">
      <Action {...primary} disabled={!live || primary.disabled} primary buttonRef={primaryRef} />
      {phase === 'paused' && (
        <Action
          label="Train again"
          disabled={!live || invalid}
          onPress={() => {
            // This button goes once the new run starts: the reader's focus moves to Train/Pause, which stays.
            primaryRef.current?.focus();
            void state.train();
          }}
        />
      )}
      {/* Step continues a paused run or starts one; a finished run is not thrown away by it (Train again is). */}
      <Action
        label="Step"
        disabled={!live || busy || phase === 'ended' || (invalid && phase === 'idle')}
        onPress={() => void state.step()}
      />
      <Action label="Reset" disabled={!live} onPress={() => state.reset()} />
    </div>
  );
}
