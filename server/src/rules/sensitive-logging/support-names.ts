import { knowledge, nameTokens } from './support-knowledge';

/** What a logged value holds, as far as its name (or the way it is reached) tells. */
export type SensitiveKind = 'secret' | 'request' | 'environment' | 'personal' | 'payment' | 'record' | 'configured';

/** `safe`: the name says it describes or masks the value (`tokenExpiresAt`, `hashedPassword`, `isAdmin`). */
export type NameClass = SensitiveKind | 'safe' | undefined;

function endsWith(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length > tokens.length) return false;
  const offset = tokens.length - phrase.length;
  return phrase.every((word, i) => tokens[offset + i] === word);
}

export const endsWithAny = (tokens: readonly string[], phrases: readonly (readonly string[])[]) => phrases.some((phrase) => endsWith(tokens, phrase));

/** The singular record noun a name ends with (`currentUser`, `customers`, `userData`), if any. */
export function recordNoun(tokens: readonly string[]): { noun: string; plural: boolean } | undefined {
  let last = tokens[tokens.length - 1];
  if (tokens.length > 1 && knowledge.recordSuffixes.has(last)) last = tokens[tokens.length - 2];
  else if (!knowledge.recordNouns.has(last) && last.endsWith('s') && knowledge.recordNouns.has(last.slice(0, -1))) {
    return { noun: last.slice(0, -1), plural: true };
  }
  return knowledge.recordNouns.has(last) ? { noun: last, plural: false } : undefined;
}

/** The words before a preposition: `partnersWithoutUserAccount` is about partners, `tokenForUser` a token. */
function headTokens(tokens: string[]): string[] {
  if (endsWithAny(tokens, knowledge.prepositionPhrases)) return tokens;
  const cut = tokens.findIndex((token, i) => i > 0 && knowledge.prepositions.has(token));
  return cut > 0 ? tokens.slice(0, cut) : tokens;
}

/**
 * Classifies a name by its head noun, the words it ends with: `accessToken` is a secret,
 * `tokenExpiresAt` is not; a boolean or count prefix (`hasPassword`) or a masking word
 * (`passwordHash`, `maskedEmail`) makes it safe. Configured fields win over the catalogue.
 */
export function classifyName(name: string, configuredFields: readonly string[]): NameClass {
  const tokens = headTokens(nameTokens(name));
  if (tokens.length === 0) return undefined;
  if (tokens.length > 1 && knowledge.safePrefixes.has(tokens[0])) return 'safe';
  if (tokens.some((token) => knowledge.maskedWords.has(token))) return 'safe';
  if (configuredFields.some((field) => endsWith(tokens, nameTokens(field)))) return 'configured';
  if (endsWithAny(tokens, knowledge.paymentPhrases)) return 'payment';
  if (endsWithAny(tokens, knowledge.personalPhrases) && !endsWithAny(tokens, knowledge.notPersonalPhrases)) return 'personal';
  if (endsWithAny(tokens, knowledge.secretPhrases) && !endsWithAny(tokens, knowledge.notSecretPhrases)) return 'secret';
  if (recordNoun(tokens)) return 'record';
  if (knowledge.environmentNames.has(name.toLowerCase())) return 'environment';
  if (endsWithAny(tokens, knowledge.safeSuffixes)) return 'safe';
  return undefined;
}

/** Kinds whose every form is sensitive, also inside message text: a secret or personal value prints as itself. */
export function isScalarKind(kind: NameClass): kind is 'secret' | 'personal' | 'payment' | 'configured' {
  return kind === 'secret' || kind === 'personal' || kind === 'payment' || kind === 'configured';
}

/** `getAccessToken()` returns an access token: the call's name minus a returning verb, classified. */
export function classifyCallName(name: string, configuredFields: readonly string[]): NameClass {
  const tokens = nameTokens(name);
  if (tokens.length < 2 || !knowledge.returningVerbs.has(tokens[0])) return undefined;
  const kind = classifyName(name.slice(tokens[0].length), configuredFields);
  return isScalarKind(kind) ? kind : undefined;
}
