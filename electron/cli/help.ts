/* What `b24-presence --help` and `b24-presence COMMAND --help` print. */

export type CommandName = 'status' | 'watch' | 'web';
export const COMMANDS: readonly CommandName[] = ['status', 'watch', 'web'];

const SOURCE = `Where to connect:
  --demo                a demo portal in this process (no account needed)
  --legacy-portal       with --demo: answer as an old on-premise portal (real idle, mobile, status)
  --date-format F       with --demo: dmy (DD.MM.YYYY, default) or mdy (MM/DD/YYYY, 12-hour)
  --team-size N         with --demo: people on the demo team (default 40)
  --webhook URL         your portal's incoming webhook; better: the B24_WEBHOOK_URL
                        environment variable (command lines are visible to other users)`;

export const USAGE = `b24-presence: your Bitrix24 team's presence from the command line.

Usage:
  b24-presence status (--demo | --webhook URL) [--json]    the team now, then exit
  b24-presence watch  (--demo | --webhook URL) [--json]    keep watching: changes and alerts
  b24-presence web    [--demo | --webhook URL] [--open]    the panel in your browser
  b24-presence help COMMAND | COMMAND --help               a command's options
  b24-presence --version

The webhook URL may also come from the environment as B24_WEBHOOK_URL (preferred).
Exit codes: 0 done, 1 the portal could not be read, 2 bad arguments.`;

const HELP: Readonly<Record<CommandName, string>> = {
  status: `Usage: b24-presence status (--demo | --webhook URL) [--json] [--online-limit-minutes M] [--timeout SECONDS]
       b24-presence watch --once …   (the same)

Connects, takes one refresh, prints the team and exits.
Text: a summary line ("29 online, 5 away, 2 offline", in the panel's order), then one line per person (name, presence,
position), sorted by presence, then name. --json: one object {at, reports, counts, colleagues}
with the same colleague objects as \`watch --json\`.

Options:
  --json                one JSON object instead of the table
  --online-limit-minutes M
                        the panel's "Online limit (minutes)": no activity for longer than
                        this counts as offline (default 15, 5 to 1440; 7.5 is 7 min 30 s)
  --online-limit S      the same in seconds (older scripts; default 900)
  --timeout S           give up after this many seconds (default 45, 5 to 300)

${SOURCE}

Exit codes: 0 printed, 1 the portal could not be read (one line on stderr), 2 bad arguments.`,
  watch: `Usage: b24-presence watch (--demo | --webhook URL) [--json] [--interval SECONDS]
                          [--online-limit-minutes M] [--alerts all|starred|none] [--star ID[,ID]]
       b24-presence watch --once …   (one refresh and exit: see status --help)

Keeps watching until Ctrl+C. Text: a summary line, then presence changes and alerts as they
happen. --json: NDJSON events (ready, added, change, removed, alert, reports, truncation,
health, error), as the README's "Headless" section describes.

Options:
  --json                NDJSON events instead of text
  --interval S          seconds between refreshes (default 30, 2 to 3600)
  --online-limit-minutes M
                        the panel's "Online limit (minutes)": no activity for longer than
                        this counts as offline (default 15, 5 to 1440; 7.5 is 7 min 30 s)
  --online-limit S      the same in seconds (older scripts; default 900)
  --alerts WHO          who is alerted on: all (default), starred, none
  --star ID[,ID]        starred user ids (for --alerts starred)
  --once                one refresh and exit, as status

${SOURCE}`,
  web: `Usage: b24-presence web [--demo | --webhook URL] [--port N] [--open]

Serves the panel on 127.0.0.1 for a browser (browser mode) until Ctrl+C. Without a source it
starts the demo portal; connect your own portal from the panel's settings, or give --webhook.
Browser mode keeps the webhook in memory only: nothing is written to disk.

Options:
  --port N              port to listen on (default: any free one)
  --open                open the panel in the default browser (a failure is reported on stderr)

${SOURCE}`,
};

export function helpText(topic: CommandName | null): string {
  return topic === null ? USAGE : HELP[topic];
}
