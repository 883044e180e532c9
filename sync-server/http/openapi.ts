// OpenAPI schemas straight from the zod schemas that validate requests, so the document cannot
// drift from what the server accepts. Recursive schemas (form nodes, answers) become named
// components; everything else is inlined.
import { z } from 'zod';
import { AnswersSchema, AnswerValueSchema, FormNodeSchema } from '../../shared/forms/form-definition';

type JsonSchema = Record<string, unknown>;

const named = z.registry<{ id: string }>();
named.add(AnswersSchema, { id: 'Answers' });
named.add(AnswerValueSchema, { id: 'AnswerValue' });
named.add(FormNodeSchema, { id: 'FormNode' });

const COMPONENTS = '#/components/schemas/';

export class OpenApiSchemas {
  /** Shared component schemas, filled as routes are converted. */
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, { metadata: named, io, unrepresentable: 'any' }) as JsonSchema;
    const { $schema: _ignored, $defs, ...rest } = converted;
    for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      // Unnamed definitions would collide across routes: name every recursive schema above.
      if (id.startsWith('__')) throw new Error(`unnamed recursive schema in OpenAPI conversion: ${id}`);
      this.components[id] ??= relink(definition);
    }
    return relink(rest);
  }
}

function relink(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', `"${COMPONENTS}`)) as JsonSchema;
}
