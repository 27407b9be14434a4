// A checker for STIX 2.1 patterns (STIX 2.1 §9, the STIXPattern grammar of the OASIS
// cti-pattern-validator): it says whether a pattern parses, and where it stops parsing if not.
// It does not check that object types or properties exist: custom objects and properties are legal.

type TokenKind = 'word' | 'string' | 'number' | 'typed' | 'punct' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  at: number;
}

const PUNCT = ['<=', '>=', '!=', '<>', '==', '=', '<', '>', '[', ']', '(', ')', ':', '.', ',', '*'];
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const TYPED: Record<string, (body: string) => boolean> = {
  t: (body) => TIMESTAMP.test(body),
  h: (body) => /^([0-9a-fA-F]{2})*$/.test(body),
  b: (body) => BASE64.test(body),
};

export class PatternError extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(`${message} at position ${at}`);
    this.name = 'PatternError';
    this.at = at;
  }
}

/** The quoted text from `start` (a quote) to its closing quote, with \\ and \' escapes. */
function quoted(pattern: string, start: number): { body: string; end: number } {
  let body = '';
  for (let i = start + 1; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next !== '\\' && next !== "'") throw new PatternError(`unknown escape \\${next ?? ''} in a string`, i);
      body += next;
      i++;
    } else if (c === "'") return { body, end: i + 1 };
    else body += c;
  }
  throw new PatternError('unterminated string', start);
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const typed = /^([thb])'/.exec(pattern.slice(i, i + 2));
    if (typed?.[1]) {
      const { body, end } = quoted(pattern, i + 1);
      if (!TYPED[typed[1]]?.(body)) throw new PatternError(`malformed ${typed[1]}'' literal '${body}'`, i);
      tokens.push({ kind: 'typed', text: typed[1], at: i });
      i = end;
      continue;
    }
    if (c === "'") {
      const { body, end } = quoted(pattern, i);
      tokens.push({ kind: 'string', text: body, at: i });
      i = end;
      continue;
    }
    const number = /^[+-]?(\d+(\.\d+)?|\.\d+)/.exec(pattern.slice(i));
    if (number && (/[\d.]/.test(c) || /^[+-]/.test(c))) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(pattern.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const punct = PUNCT.find((p) => pattern.startsWith(p, i));
    if (!punct) throw new PatternError(`unexpected character '${c}'`, i);
    tokens.push({ kind: 'punct', text: punct, at: i });
    i += punct.length;
  }
  tokens.push({ kind: 'end', text: '', at: pattern.length });
  return tokens;
}

const OPERATORS = new Set(['=', '==', '!=', '<>', '<', '<=', '>', '>=']);
const WORD_OPERATORS = new Set(['IN', 'LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET']);
// The grammar's IdentifierWithHyphen and IdentifierWithoutHyphen: only object types have hyphens.
const OBJECT_TYPE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const PROPERTY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ORDERING = new Set(['<', '<=', '>', '>=']);

class Parser {
  private i = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  private get token(): Token {
    return this.tokens[this.i] as Token;
  }
  private is(kind: TokenKind, text?: string): boolean {
    return this.token.kind === kind && (text === undefined || this.token.text === text);
  }
  private take(kind: TokenKind, text?: string): Token | undefined {
    if (!this.is(kind, text)) return undefined;
    return this.tokens[this.i++];
  }
  private expect(kind: TokenKind, text: string | undefined, what: string): Token {
    const token = this.take(kind, text);
    if (!token) throw new PatternError(`expected ${what}, found ${this.describe()}`, this.token.at);
    return token;
  }
  private describe(): string {
    return this.token.kind === 'end' ? 'the end' : `'${this.token.text}'`;
  }

  pattern(): void {
    this.observations();
    if (!this.is('end')) throw new PatternError(`unexpected ${this.describe()}`, this.token.at);
  }

  private observations(): void {
    this.chain(['FOLLOWEDBY', 'OR', 'AND'], () => this.observation());
  }

  /** Operands joined by any of the words: precedence does not change whether a pattern parses. */
  private chain(words: string[], operand: () => void): void {
    operand();
    while (words.some((w) => this.is('word', w))) {
      this.i++;
      operand();
    }
  }

  private observation(): void {
    if (this.take('punct', '[')) {
      this.comparisons();
      this.expect('punct', ']', "']'");
    } else if (this.take('punct', '(')) {
      this.observations();
      this.expect('punct', ')', "')'");
    } else throw new PatternError(`expected '[' or '(', found ${this.describe()}`, this.token.at);
    this.qualifiers();
  }

  private qualifiers(): void {
    for (;;) {
      if (this.take('word', 'WITHIN')) {
        const n = this.expect('number', undefined, 'a number of seconds');
        if (/^[+-]/.test(n.text)) throw new PatternError('WITHIN needs an unsigned number', n.at);
        this.expect('word', 'SECONDS', 'SECONDS');
      } else if (this.take('word', 'REPEATS')) {
        const n = this.expect('number', undefined, 'a count');
        if (!/^\d+$/.test(n.text)) throw new PatternError('REPEATS needs an unsigned integer', n.at);
        this.expect('word', 'TIMES', 'TIMES');
      } else if (this.take('word', 'START')) {
        this.timestamp();
        this.expect('word', 'STOP', 'STOP');
        this.timestamp();
      } else return;
    }
  }

  private timestamp(): void {
    const token = this.expect('typed', undefined, "a t'...' timestamp");
    if (token.text !== 't') throw new PatternError("expected a t'...' timestamp", token.at);
  }

  private comparisons(): void {
    this.chain(['OR', 'AND'], () => this.comparison());
  }

  private comparison(): void {
    if (this.take('punct', '(')) {
      this.comparisons();
      this.expect('punct', ')', "')'");
      return;
    }
    const not = this.take('word', 'NOT');
    if (this.take('word', 'EXISTS')) {
      this.objectPath();
      return;
    }
    if (not) throw new PatternError(`expected EXISTS after a leading NOT, found ${this.describe()}`, this.token.at);
    this.objectPath();
    this.take('word', 'NOT');
    const op = this.token;
    if (op.kind === 'punct' && OPERATORS.has(op.text)) {
      this.i++;
      const value = this.literal();
      if (ORDERING.has(op.text) && value.kind === 'word')
        throw new PatternError(`${op.text} does not compare booleans`, value.at);
    } else if (op.kind === 'word' && WORD_OPERATORS.has(op.text)) {
      this.i++;
      if (op.text === 'IN') this.set();
      else this.expect('string', undefined, `a string after ${op.text}`);
    } else throw new PatternError(`expected a comparison operator, found ${this.describe()}`, op.at);
  }

  private objectPath(): void {
    const type = this.expect('word', undefined, 'an object type');
    if (!OBJECT_TYPE.test(type.text)) throw new PatternError(`'${type.text}' is not an object type`, type.at);
    this.expect('punct', ':', "':' after the object type");
    this.property();
    for (;;) {
      if (this.take('punct', '.')) this.property();
      else if (this.take('punct', '[')) {
        if (!this.take('punct', '*')) {
          const index = this.expect('number', undefined, "an index or '*'");
          if (!/^\d+$/.test(index.text)) throw new PatternError('a list index is a whole number', index.at);
        }
        this.expect('punct', ']', "']'");
      } else return;
    }
  }

  private property(): void {
    if (this.take('string')) return;
    const name = this.take('word');
    if (!name) throw new PatternError(`expected a property name, found ${this.describe()}`, this.token.at);
    if (!PROPERTY.test(name.text)) throw new PatternError(`'${name.text}' is not a property name`, name.at);
  }

  private literal(): Token {
    const value =
      this.take('string') ??
      this.take('number') ??
      this.take('typed') ??
      this.take('word', 'true') ??
      this.take('word', 'false');
    if (value) return value;
    throw new PatternError(`expected a value, found ${this.describe()}`, this.token.at);
  }

  private set(): void {
    this.expect('punct', '(', "'(' to open a set");
    if (this.take('punct', ')')) return;
    this.literal();
    while (this.take('punct', ',')) this.literal();
    this.expect('punct', ')', "')' to close the set");
  }
}

/** Why a STIX pattern does not parse, or undefined when it does. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new Parser(tokenize(pattern)).pattern();
    return undefined;
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
}
