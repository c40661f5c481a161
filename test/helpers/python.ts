/** Asks a real Python to check Python sources and literals, in one process per call. */
import { execa } from 'execa';

const PYTHON = process.env.PYTHON ?? 'python3';

const SCRIPT = `
import ast, json, sys
req = json.load(sys.stdin)
out = {"literals": [], "errors": []}
for lit in req["literals"]:
    out["literals"].append(ast.literal_eval(lit))
for name, src in req["sources"]:
    try:
        compile(src, name, "exec")
    except SyntaxError as e:
        out["errors"].append(f"{name}: {e}")
json.dump(out, sys.stdout)
`;

export async function checkPython(
  literals: readonly string[],
  sources: ReadonlyArray<readonly [string, string]> = [],
): Promise<{ literals: string[]; errors: string[] }> {
  const { stdout } = await execa(PYTHON, ['-c', SCRIPT], { input: JSON.stringify({ literals, sources }) });
  return JSON.parse(stdout) as { literals: string[]; errors: string[] };
}
