/** The form-level error region; always present so that screen readers announce new messages. */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" className={message ? 'form-alert' : 'form-alert form-alert--empty'}>
      {message}
    </div>
  );
}
