// The end-to-end suite's mail relay: a real SMTP server (the smtp-server package) the shop instance
// delivers its outbox to, and a small HTTP read-out of what it received for the tests
// (GET /messages?to=<address>). Nothing leaves this machine.
import { createServer } from "node:http";
import { startSmtpSink } from "../test/support/smtp-sink";

const smtpPort = Number(process.env.E2E_SMTP_PORT);
const httpPort = Number(process.env.E2E_MAILBOX_PORT);
const sink = await startSmtpSink("127.0.0.1", { port: smtpPort, password: process.env.E2E_SMTP_PASSWORD });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://mailbox");
  if (url.pathname === "/health") {
    res.writeHead(200, { "content-type": "text/plain" });
    return res.end("ok");
  }
  if (url.pathname === "/messages") {
    const to = (url.searchParams.get("to") ?? "").toLowerCase();
    const messages = sink.received
      .filter((mail) => mail.envelopeTo.some((address) => address.toLowerCase() === to))
      .map((mail) => ({
        subject: mail.headers.get("subject")?.[0] ?? "",
        from: mail.headers.get("from")?.[0] ?? "",
        text: mail.text,
      }));
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(messages));
  }
  res.writeHead(404);
  res.end();
});
server.listen(httpPort, "127.0.0.1");
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    server.close();
    void sink.close().then(() => process.exit(0));
  });
