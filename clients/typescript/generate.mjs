import { compileFromFile } from 'json-schema-to-typescript';
import { writeFileSync, mkdirSync } from 'node:fs';
const [schemaDir, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
for (const name of ['screening', 'assessment']) {
  const ts = await compileFromFile(`${schemaDir}/${name}.schema.json`, {
    bannerComment: '// Generated from the mecc JSON Schema; do not edit.',
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
    format: false,
  });
  writeFileSync(`${outDir}/${name}.ts`, ts);
}
