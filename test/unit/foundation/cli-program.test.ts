import { describe, expect, it } from 'vitest';
import { buildProgram, commandDomains, commandWord, domainLoaders, domainsFor } from '../../../src-main/cli/program';

describe('fieldkit command tree', () => {
  it('the lazy-loading map names exactly the top-level commands the domains define', async () => {
    const { program } = await buildProgram({ name: 'FieldKit', version: '0.0.0' });
    const real = program.commands.map((c) => c.name()).sort();
    expect(Object.keys(commandDomains).sort()).toEqual(real);
  });

  it('each command loads only domains that define it, and gets the same subcommands as the full tree', async () => {
    const full = await buildProgram({ name: 'FieldKit', version: '0.0.0' });
    for (const [word, domains] of Object.entries(commandDomains)) {
      for (const d of domains) expect(Object.keys(domainLoaders)).toContain(d);
      const partial = await buildProgram({ name: 'FieldKit', version: '0.0.0' }, {}, domains);
      const sub = (p: typeof full.program) => p.commands.find((c) => c.name() === word)?.commands.map((c) => c.name()).sort();
      expect(sub(partial.program), word).toEqual(sub(full.program));
    }
  });

  it('finds the command word past global options', () => {
    expect(commandWord(['--home', '/x', '--json', 'power', 'status'])).toBe('power');
    expect(commandWord(['--lang', 'ja', 'show'])).toBe('show');
    expect(commandWord(['--help'])).toBeUndefined();
    expect(domainsFor(['exec', 'f.txt'])).toEqual(['ipmi']);
    expect(domainsFor(['--help']).length).toBe(Object.keys(domainLoaders).length);
    expect(domainsFor(['nonsense']).length).toBe(Object.keys(domainLoaders).length);
  });
});
