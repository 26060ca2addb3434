/** A small option parser for the subcommands: `--name value`, `--flag`, positionals. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (valued.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`--${name} needs a value`);
        options.set(name, v);
      } else if (flags.includes(name)) options.set(name, true);
      else throw new UsageError(`unknown option --${name}`);
    } else if (a === '-') positional.push(a);
    else if (a.startsWith('-') && a.length > 1) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  return { positional, options };
}

export class UsageError extends Error {}

/**
 * A subcommand's options (`valued` ones and --help) and its `positionals` arguments, or the exit
 * code when there is nothing to run: --help prints the usage and gives 0; an unknown option (with
 * the reason) or another number of arguments prints it to stderr and gives 2.
 */
export function commandArgs(
  command: string,
  usage: string,
  argv: string[],
  valued: readonly string[],
  positionals: number,
): ParsedArgs | number {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, valued, ['help']);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`pfa-wasm ${command}: ${e.message}\n${usage}`);
    return 2;
  }
  const help = parsed.options.has('help');
  if (help || parsed.positional.length !== positionals) {
    console.error(usage);
    return help ? 0 : 2;
  }
  return parsed;
}

/** --port as a TCP port (`fallback` when absent), or null after saying it is bad. */
export function portOption(command: string, options: ParsedArgs['options'], fallback: number): number | null {
  const port = Number(options.get('port') ?? fallback);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  console.error(`pfa-wasm ${command}: bad --port ${options.get('port')}`);
  return null;
}
