// npm run admin:create -- --email <email> --name <name>
// Creates a platform administrator in DATABASE_URL — the only way one comes to exist (the seed
// never makes one outside development). The password is read from the terminal without echo, or
// from the first line of stdin when piped (for automation), never from the command line, where it
// would land in the shell history and the process list.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createAdministrator } from "../lib/identity/manage-users";
import { DomainError } from "../lib/security/domain-error";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email || !values.name) {
  console.error('Usage: npm run admin:create -- --email ada@example.com --name "Ada Lovelace"');
  process.exit(2);
}

function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    return new Promise((resolve) => {
      const lines = createInterface({ input: process.stdin });
      lines.once("line", (line) => {
        resolve(line);
        lines.close();
      });
      lines.once("close", () => resolve(""));
    });
  }
  return new Promise((resolve) => {
    process.stdout.write("Password for the new administrator (at least 12 characters, not shown): ");
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let typed = "";
    stdin.on("data", (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write("\n");
          resolve(typed);
          return;
        }
        if (char === "\u0003") process.exit(130);
        typed = char === "\u007f" ? typed.slice(0, -1) : typed + char;
      }
    });
  });
}

try {
  const { email } = await createAdministrator({
    email: values.email,
    name: values.name,
    password: await readPassword(),
  });
  console.log(
    `Administrator ${email} created. Sign in on the console's host (PLATFORM_HOST) and set up two-step verification.`,
  );
  process.exit(0);
} catch (error) {
  if (error instanceof DomainError) {
    console.error(`Not created: ${error.publicMessage}`);
    process.exit(1);
  }
  throw error;
}
