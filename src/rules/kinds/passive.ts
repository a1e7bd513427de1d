/** Passive: one hit per être + participle construction, with an active rewrite naming the agent. */
import { findPassives } from '../../analysis/passive.js';
import type { Hit, KindCompiler } from '../types.js';

export const passive: KindCompiler<'passive'> = (rule) => ({
  scope: 'sentence',
  run(doc, index) {
    const s = doc.sentences[index]!;
    const hits: Hit[] = [];
    for (const p of findPassives(s.tokens, doc.text)) {
      const vars: Record<string, string> = { lemma: p.lemma };
      let message: string | undefined;
      if (p.active) vars.active = p.active;
      // "Le service" becomes "le service" inside the hint; names and titles ("Mme Durand") keep their capital.
      if (p.agent) vars.agent = /^(?:L[ea]s?|L['’]|Une?|Des|Ce|Cet|Cette|Ces|Mon|Ma|Mes|Son|Sa|Ses|Notre|Votre|Nos|Vos|Leurs?)(?=[\s'’])/u.test(p.agent) ? p.agent.charAt(0).toLowerCase() + p.agent.slice(1) : p.agent;
      if (p.stative) message = 'stative';
      else if (p.agent && p.active) message = 'agent';
      else if (p.active) message = 'noAgent';
      const hit: Hit = { start: s.tokens[p.from]!.start, end: s.tokens[p.participle]!.end, vars, suggestions: [] };
      if (message) hit.message = message;
      if (p.stative) hit.severity = rule.stativeSeverity;
      hits.push(hit);
    }
    return hits;
  },
});
