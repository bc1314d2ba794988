import { z } from 'zod';

/**
 * Validates a knowledge file of the `rules/` catalogue at load. A broken catalogue is a packaging
 * bug, so it fails loudly with the file and key path rather than silently weakening a rule.
 */
export function loadKnowledge<T extends z.ZodType>(name: string, schema: T, data: unknown): z.infer<T> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`rules/knowledge/${name}.json is invalid: ${problems}`);
  }
  return result.data;
}

/** Schema pieces the knowledge files share. */
export const regexSource = z
  .string()
  .min(1)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

/** An object that may carry a `$comment` for the people who edit the file. */
export const commented = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ $comment: z.string().optional(), ...shape });
