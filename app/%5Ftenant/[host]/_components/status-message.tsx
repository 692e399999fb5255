export type StatusMessageValue = { kind: "ok" | "error"; text: string } | null;

/** The outcome of an action: announced politely when it worked, as an alert when it did not. */
export function StatusMessage({ message, className = "text-sm" }: { message: StatusMessageValue; className?: string }) {
  if (!message) return null;
  return (
    <p
      role={message.kind === "error" ? "alert" : "status"}
      className={`${className} ${message.kind === "error" ? "text-rose-700" : "text-emerald-700"}`}
    >
      {message.text}
    </p>
  );
}
