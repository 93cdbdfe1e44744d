// Generates src/app/api/schema.d.ts, the API's TypeScript types, from openapi.json: the hub's own
// OpenAPI document as the hub serves it (a system test fails when the two differ).
//
// The hub's generator calls an operation's answer "default" unless its resource names the status;
// errors are problem details, which the document does not describe. So an operation with no 2xx
// answer has its "default" typed as its success here, and openapi-fetch then types its data.
import { readFileSync, writeFileSync } from 'node:fs';
import { createConfig } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';

const document = JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'));
for (const item of Object.values(document.paths ?? {})) {
  for (const operation of Object.values(item)) {
    const responses = operation?.responses;
    if (responses?.default && !Object.keys(responses).some((status) => status.startsWith('2'))) {
      responses['200'] = responses.default;
      delete responses.default;
    }
  }
}
// The command line's own lint level: an operation id used twice is a warning, not an error.
const redocly = await createConfig({}, { extends: ['minimal'] });
const types = astToString(await openapiTS(document, { redocly, silent: true }));
writeFileSync(
  new URL('../src/app/api/schema.d.ts', import.meta.url),
  '// Generated from openapi.json by scripts/api-types.mjs; do not edit.\n' + types,
);
