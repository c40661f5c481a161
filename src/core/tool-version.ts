/** This tool's version, as package.json gives it (test/unit/record.test.ts holds them equal); the record names it. */
export const TOOL_VERSION = '0.1.0';
