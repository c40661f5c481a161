/** The subcommands, apart from the program: also what src/boot.ts keys its compile cache by. */
export const COMMANDS = ['dev', 'smoke', 'doctor', 'list', 'matrix', 'upgrade', 'add'] as const;
export type CommandName = (typeof COMMANDS)[number];
