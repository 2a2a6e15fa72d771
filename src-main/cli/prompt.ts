// readline and stream load only when a prompt is shown: most runs never ask,
// and every command's start-up pays for what is loaded here.
const lazyReadline = () => require('node:readline') as typeof import('node:readline');
const lazyStream = () => require('node:stream') as typeof import('node:stream');

/** Reads all of standard input (for --password-stdin); trailing newline removed. */
export async function readAllStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks a question on the terminal; resolves with the typed line. */
export function ask(question: string, options: { echo?: boolean } = {}): Promise<string> {
  const echo = options.echo ?? true;
  let muted = false;
  // A writable that drops what the user types when echo is off (password prompts).
  const output = new (lazyStream().Writable)({
    write(chunk, _enc, cb) {
      if (!muted) process.stderr.write(chunk);
      cb();
    },
  });
  const rl = lazyReadline().createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      rl.close();
      if (!echo) process.stderr.write('\n');
      resolve(answer);
    });
    muted = !echo;
    rl.on('SIGINT', () => {
      rl.close();
      reject(Object.assign(new Error('cancelled'), { cancelled: true }));
    });
  });
}
