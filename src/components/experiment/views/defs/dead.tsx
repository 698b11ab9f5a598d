/** Which units of the first ReLU layer are dead: zero for every example of the latest recorded batch. */
import { deadUnitsMeter, deadUnitsText } from '../../../charts/deadUnitsMeter';
import type { ViewDef } from '../types';

export const view: ViewDef<{ title?: string; emptyText?: string }> = {
  name: 'dead',
  needs: () => ({ instruments: true }),
  Component: ({ ctx, options }) => {
    const hidden = ctx.current?.instruments.value?.layers.find((l) => l.activation === 'relu');
    return (
      <div class="lc-dead" aria-label="Dead hidden units">
        <h4 class="lc-figure__title">{options.title ?? 'Dead ReLU units'}</h4>
        {hidden ? (
          <>
            <p class="lc-dead__text" data-testid="dead-units">
              {deadUnitsText(hidden)}
            </p>
            <div
              class="lc-dead__meter"
              aria-hidden="true"
              ref={(el) => {
                if (el) el.replaceChildren(deadUnitsMeter(hidden, { document }));
              }}
            />
          </>
        ) : (
          <p class="lc-dead__text">{options.emptyText ?? 'Train to see which of the hidden units stay alive.'}</p>
        )}
      </div>
    );
  },
};
