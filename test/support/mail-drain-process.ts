// A second (and third) process draining the same outbox, for the cross-process claim test:
// tsx --conditions=react-server test/support/mail-drain-process.ts <smtp url> <worker id>
// with DATABASE_URL naming the test's database. Prints how many messages it sent.
import { drainOutbox } from "@/lib/mail/delivery-worker";
import { createSmtpTransport } from "@/lib/mail/smtp-transport";

const [smtpUrl, workerId] = process.argv.slice(2);
const transport = createSmtpTransport(smtpUrl!);
let sent = 0;
for (;;) {
  const pass = await drainOutbox({ transport, workerId: workerId!, fromAddress: "shop@bulwark.test", batch: 5 });
  sent += pass.sent;
  if (pass.sent + pass.retried + pass.dead === 0) break;
}
transport.close?.();
console.log(JSON.stringify({ sent }));
process.exit(0);
