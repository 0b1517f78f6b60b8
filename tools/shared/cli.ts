// The command-line conventions every command shares: node:util's parseArgs underneath, `--help`
// (and `-h`) printing the usage, and a bad option answered with one line that names it and says
// where the usage is, instead of parseArgs' own message.
import { parseArgs } from "node:util";
import { SpecLoadError } from "./spec-load-error.js";

type ParseOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;
/** An option as parseArgs takes it, with its help: what it is for and the kind of value it takes. */
type Option = ParseOptions[string] & { description: string; value?: string };
type Options = Record<string, Option>;
type Values<T extends Options> = ReturnType<typeof parseArgs<{ options: T; strict: true }>>["values"];

export interface Command<T extends Options> {
  /** How the command is run, e.g. `npm run diff`. */
  name: string;
  /** What it does, in a sentence or two. */
  summary: string;
  options: T;
  /** Environment variables the command reads, and what each is for. */
  environment?: Record<string, string>;
  /** Exit codes other than 0 and what they mean. */
  exitCodes?: Record<number, string>;
}

/** Bad command-line input: the message names it; commands exit 2 on it. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * How a command that failed ends: its message on stderr, exit code 2 for bad input (a bad option, or a
 * spec the loader refuses), else 1.
 */
export function commandFailed(error: unknown): void {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = error instanceof UsageError || error instanceof SpecLoadError ? 2 : 1;
}

/** A command's description, its option types kept for parseCommand. */
export function defineCommand<const T extends Options>(command: Command<T>): Command<T> {
  return command;
}

/** The command's options, or undefined once `--help` has been printed (the command then exits 0). */
export function parseCommand<T extends Options>(
  command: Command<T>,
  args: string[] = process.argv.slice(2),
  print: (text: string) => void = console.log,
): Values<T> | undefined {
  if (args.includes("--help") || args.includes("-h")) {
    print(usage(command));
    return undefined;
  }
  try {
    return parseArgs({ args, options: command.options, strict: true }).values as Values<T>;
  } catch (error) {
    throw new UsageError(
      `${command.name}: ${parseErrorReason(error)}. Run \`${helpCommand(command.name)}\` for the options.`,
    );
  }
}

function parseErrorReason(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message ?? "")?.[1];
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `unexpected argument ${/'([^']*)'/.exec(message ?? "")?.[1]}: it takes options only`;
  }
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `option ${option} needs a value`;
  return message ?? String(error);
}

function helpCommand(name: string): string {
  return name.startsWith("npm run ") ? `${name} -- --help` : `${name} --help`;
}

/** The text `--help` prints. */
export function usage<T extends Options>(command: Command<T>): string {
  const rows: [string, string][] = Object.entries(command.options).map(([name, option]) => {
    const flag = option.short ? `-${option.short}, --${name}` : `--${name}`;
    const value = option.type === "string" ? ` ${option.value ?? "VALUE"}` : "";
    const fallback =
      option.default !== undefined && option.type === "string" ? ` (default: ${option.default})` : "";
    return [`${flag}${value}`, `${option.description}${fallback}`];
  });
  rows.push(["-h, --help", "Print this help and exit."]);
  const args = command.name.startsWith("npm run ") ? " -- [options]" : " [options]";
  const sections = [`Usage: ${command.name}${args}`, command.summary, `Options:\n${table(rows)}`];
  if (command.environment) sections.push(`Environment:\n${table(Object.entries(command.environment))}`);
  if (command.exitCodes) {
    const codes = Object.entries(command.exitCodes).map(([code, what]): [string, string] => [code, what]);
    sections.push(`Exit codes:\n${table([["0", "success"], ...codes])}`);
  }
  return sections.join("\n\n");
}

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  const indent = `\n${" ".repeat(width + 4)}`;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right.replaceAll("\n", indent)}`).join("\n");
}
