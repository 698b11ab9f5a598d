/** A message beside a control, announced when it appears. */
export function FieldError({ id, message }: { id?: string; message?: string }) {
  return message ? (
    <p id={id} class="lc-field__error" role="alert">
      {message}
    </p>
  ) : null;
}
