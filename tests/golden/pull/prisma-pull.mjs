#!/usr/bin/env node
// prisma-pull.mjs [--merge] URL [SCHEMA.prisma] - what Prisma's `db pull --force --print`
// writes for the database at URL (the expected files of this folder), through the WASM
// schema engine of the oracle harness (../shared/oracle beside the source tree, or
// $ORACLE). SCHEMA is the existing schema file (its datasource and generator are kept;
// default: a datasource with provider "postgresql" alone). With --merge, `db pull --print`
// without --force: Prisma's re-introspection merges the database into SCHEMA (the expected
// files of tests/golden/repull). Run it from the oracle folder, which has node_modules:
//   cd ../shared/oracle && node /path/to/prisma-pull.mjs postgresql://... case.prisma > case.pulled
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const oracle = process.env.ORACLE || path.resolve(here, '../../../../shared/oracle');
const { openEngine, fmtErr } = await import(pathToFileURL(path.join(oracle, 'lib/engine.mjs')).href);
const args = process.argv.slice(2);
const merge = args[0] === '--merge';
if (merge) args.shift();
const [url, file] = args;
if (!url) {
  console.error('usage: node prisma-pull.mjs [--merge] URL [SCHEMA.prisma]');
  process.exit(64);
}
let session;
try {
  session = await openEngine({ url });
  const content = file ? fs.readFileSync(file, 'utf8') : 'datasource db {\n  provider = "postgresql"\n}\n';
  const res = await session.engine.introspect({
    schema: { files: [{ path: path.resolve(file || 'schema.prisma'), content }] },
    baseDirectoryPath: process.cwd(),
    force: !merge,
    compositeTypeDepth: -1,
    namespaces: null,
  });
  for (const f of res.schema.files) process.stdout.write(f.content);
  if (res.warnings) process.stderr.write(res.warnings + '\n');
} catch (e) {
  console.error(`error: ${fmtErr(e)}`);
  process.exitCode = 1;
} finally {
  if (session) await session.close();
}
// The engine leaves a timer behind; do not wait for it.
process.exit(process.exitCode ?? 0);
