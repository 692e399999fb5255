type Props = { pending: boolean; label: string; pendingLabel: string; wide?: boolean };

export function SubmitButton({ pending, label, pendingLabel, wide = false }: Props) {
  return (
    <button
      type="submit"
      disabled={pending}
      className={`${wide ? "w-full " : ""}rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink disabled:opacity-60`}
    >
      {pending ? pendingLabel : label}
    </button>
  );
}
