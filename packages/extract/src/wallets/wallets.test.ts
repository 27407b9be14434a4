import { describe, expect, test } from 'vitest';
import {
  findWallets,
  isBtcAddress,
  isCardanoAddress,
  isDogeAddress,
  isEvmAddress,
  isLtcAddress,
  isSolanaKey,
  isTronAddress,
  isXrpAddress,
} from './index.ts';

describe('wallet checksums', () => {
  test.each([
    {
      chain: 'BTC base58 P2PKH',
      check: isBtcAddress,
      valid: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      invalid: '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb',
    },
    {
      chain: 'BTC bech32',
      check: isBtcAddress,
      valid: 'bc1qf5x4jag30mzny7nvthapnefrhf5qx6j0w7a2cs',
      invalid: 'bc1qf5x4jag30mzny7nvthapnefrhf5qx6j0w7a2ct',
    },
    {
      chain: 'BTC bech32m (taproot)',
      check: isBtcAddress,
      valid: 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
      invalid: 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3298',
    },
    {
      chain: 'ETH EIP-55',
      check: isEvmAddress,
      valid: '0xdB600c22dfC1D59E5C2B515E8EB37895A6537B2C',
      invalid: '0xdB600c22dfC1D59E5C2B515E8EB37895A6537B2c',
    },
    {
      chain: 'ETH lower case',
      check: isEvmAddress,
      valid: '0x06f90983cd2215379e440fc525e441d6a5fc3fba',
      invalid: '0x06f90983cd2215379e440fc525e441d6a5fc3fb',
    },
    {
      chain: 'TRON',
      check: isTronAddress,
      valid: 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7',
      invalid: 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU8',
    },
    {
      chain: 'LTC',
      check: isLtcAddress,
      valid: 'LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb3',
      invalid: 'LQTpS3VaYTjCr4s9Y1t5zbeY26zevf7Fb4',
    },
    {
      chain: 'DOGE',
      check: isDogeAddress,
      valid: 'DGcvTB4e2jdHZCeybysPULmLcN9gXWMZ84',
      invalid: 'DGcvTB4e2jdHZCeybysPULmLcN9gXWMZ85',
    },
    {
      chain: 'XRP',
      check: isXrpAddress,
      valid: 'rVX5nzmkJRxZxf7hmhNGshAdXJHhzs6Jq',
      invalid: 'rVX5nzmkJRxZxf7hmhNGshAdXJHhzs6Jr',
    },
    {
      chain: 'SOL (32-byte key)',
      check: isSolanaKey,
      valid: 'ESSfP3aAcW6Z59ozut9Jkqy9btaX5YTHt25b3Vhs2hsf',
      invalid: 'ESSfP3aAcW6Z59ozut9Jkqy9',
    },
    {
      chain: 'ADA',
      check: isCardanoAddress,
      valid: 'addr1q9dqkaydgyaltjujm3wa00nc5k8dsnfgxhed7h08l6qzz5uqtdq4t7xz3cjnusc6l22m4ch9pcuwhl7x4ge5385gwa7sddudsz',
      invalid:
        'addr1q9dqkaydgyaltjujm3wa00nc5k8dsnfgxhed7h08l6qzz5uqtdq4t7xz3cjnusc6l22m4ch9pcuwhl7x4ge5385gwa7sddudsq',
    },
  ])('$chain', ({ check, valid, invalid }) => {
    expect(check(valid)).toBe(true);
    expect(check(invalid)).toBe(false);
  });

  test('Solana keys need the chain named nearby', () => {
    const key = 'ESSfP3aAcW6Z59ozut9Jkqy9btaX5YTHt25b3Vhs2hsf';
    expect(findWallets(`SOL: ${key}`, () => `SOL: ${key}`).map((w) => w.chain)).toEqual(['SOL']);
    expect(findWallets(`token ${key}`, () => `token ${key}`)).toEqual([]);
  });
});
