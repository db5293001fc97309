// Checks that a webhook tool's `parameters` is a JSON Schema the model can use (function-calling subset of
// draft 2020-12), so mistakes show in the editor before the config is saved.

const TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
const ANNOTATIONS = ['title', 'description', 'default', 'examples', 'const', 'deprecated', 'readOnly', 'writeOnly',
    '$comment', '$schema', '$id'];
const KEYWORDS = new Set([...ANNOTATIONS, 'type', 'properties', 'required', 'items', 'enum', 'additionalProperties',
    'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern',
    'format', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'anyOf', 'oneOf', 'allOf',
    'not', '$ref', '$defs', 'definitions', 'patternProperties', 'prefixItems']);
const NUMBERS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
const COUNTS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];

/** Parses text as a tool parameters schema. Returns {schema, errors: [{path, message}]}. */
export function checkParametersText(text) {
    let schema;
    try {
        schema = JSON.parse(text);
    } catch (error) {
        return {schema: null, errors: [{path: '', message: `Not valid JSON: ${error.message}`}]};
    }
    return {schema, errors: checkParameters(schema)};
}

/** Errors in a parsed parameters schema; the root must describe an object (the call's arguments). */
export function checkParameters(schema) {
    const errors = [];
    if (!isObject(schema)) return [{path: '', message: 'The parameters must be a JSON object (a schema).'}];
    if (schema.type !== 'object') errors.push({path: '/type', message: 'The root schema must have "type": "object".'});
    checkSchema(schema, '', schema, errors);
    return errors;
}

function checkSchema(schema, path, root, errors) {
    const fail = (at, message) => errors.push({path: `${path}${at}`, message});
    if (typeof schema === 'boolean') return;
    if (!isObject(schema)) {
        fail('', 'A schema must be an object.');
        return;
    }
    for (const key of Object.keys(schema)) {
        if (!KEYWORDS.has(key) && !key.startsWith('x-')) {
            fail(`/${key}`, `"${key}" is not a JSON Schema keyword (typo?).`);
        }
    }
    checkType(schema, fail);
    checkProperties(schema, path, root, errors, fail);
    if ('items' in schema) checkSchema(schema.items, `${path}/items`, root, errors);
    if ('additionalProperties' in schema) {
        checkSchema(schema.additionalProperties, `${path}/additionalProperties`, root, errors);
    }
    if ('not' in schema) checkSchema(schema.not, `${path}/not`, root, errors);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
        if (!(key in schema)) continue;
        if (!Array.isArray(schema[key]) || !schema[key].length) {
            fail(`/${key}`, `"${key}" must be a non-empty array of schemas.`);
        } else {
            schema[key].forEach((sub, i) => checkSchema(sub, `${path}/${key}/${i}`, root, errors));
        }
    }
    for (const key of ['$defs', 'definitions', 'patternProperties']) {
        if (!(key in schema)) continue;
        if (!isObject(schema[key])) fail(`/${key}`, `"${key}" must be an object of schemas.`);
        else {
            for (const [name, sub] of Object.entries(schema[key])) {
                checkSchema(sub, `${path}/${key}/${name}`, root, errors);
            }
        }
    }
    checkValues(schema, root, fail);
}

function checkType(schema, fail) {
    if (!('type' in schema)) return;
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.length) fail('/type', '"type" must not be an empty list.');
    for (const type of types) {
        if (!TYPES.includes(type)) {
            fail('/type', `Unknown type ${JSON.stringify(type)}: use one of ${TYPES.join(', ')}.`);
        }
    }
    if (new Set(types).size !== types.length) fail('/type', '"type" lists a type twice.');
}

function checkProperties(schema, path, root, errors, fail) {
    if ('properties' in schema) {
        if (!isObject(schema.properties)) fail('/properties', '"properties" must be an object of schemas.');
        else for (const [name, sub] of Object.entries(schema.properties)) {
            checkSchema(sub, `${path}/properties/${escapePointer(name)}`, root, errors);
        }
    }
    if (!('required' in schema)) return;
    const required = schema.required;
    if (!Array.isArray(required) || required.some(name => typeof name !== 'string')) {
        fail('/required', '"required" must be an array of property names.');
        return;
    }
    if (new Set(required).size !== required.length) fail('/required', '"required" names a property twice.');
    const known = isObject(schema.properties) ? schema.properties : {};
    for (const name of required) {
        if (!(name in known)) fail('/required', `"${name}" is required but not defined in "properties".`);
    }
}

function checkValues(schema, root, fail) {
    if ('enum' in schema && (!Array.isArray(schema.enum) || !schema.enum.length)) {
        fail('/enum', '"enum" must be a non-empty array.');
    }
    for (const key of NUMBERS) {
        if (key in schema && typeof schema[key] !== 'number') fail(`/${key}`, `"${key}" must be a number.`);
    }
    if ('multipleOf' in schema && !(typeof schema.multipleOf === 'number' && schema.multipleOf > 0)) {
        fail('/multipleOf', '"multipleOf" must be a number above 0.');
    }
    for (const key of COUNTS) {
        if (key in schema && !(Number.isInteger(schema[key]) && schema[key] >= 0)) {
            fail(`/${key}`, `"${key}" must be a whole number, 0 or more.`);
        }
    }
    for (const [low, high] of [['minimum', 'maximum'], ['minLength', 'maxLength'], ['minItems', 'maxItems'],
        ['minProperties', 'maxProperties']]) {
        if (typeof schema[low] === 'number' && typeof schema[high] === 'number' && schema[low] > schema[high]) {
            fail(`/${low}`, `"${low}" is above "${high}": nothing could match.`);
        }
    }
    if ('pattern' in schema) checkPattern(schema.pattern, fail);
    for (const key of ['title', 'description', 'format', '$comment']) {
        if (key in schema && typeof schema[key] !== 'string') fail(`/${key}`, `"${key}" must be a string.`);
    }
    if ('$ref' in schema) checkRef(schema.$ref, root, fail);
}

function checkPattern(pattern, fail) {
    try {
        new RegExp(pattern, 'u');
    } catch {
        fail('/pattern', '"pattern" is not a valid regular expression.');
    }
}

function checkRef(ref, root, fail) {
    if (typeof ref !== 'string' || !ref.startsWith('#')) {
        fail('/$ref', '"$ref" must point inside this schema ("#/$defs/...").');
        return;
    }
    let node = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
        const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
        node = isObject(node) ? node[key] : undefined;
    }
    if (node === undefined) fail('/$ref', `"$ref" ${ref} points at nothing in this schema.`);
}

function escapePointer(name) {
    return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}
