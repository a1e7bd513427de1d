/** The map as a CSV file (every document matching the filters, in the map's order). */
import { csvFile } from '../report/csv.js';
import type { DocumentStore, ListQuery } from '../store/documents.js';

/** CSV of the map with each document's priority factors, so a spreadsheet can recompute the rank. */
export async function mapCsv(store: DocumentStore, query: Omit<ListQuery, 'page' | 'perPage'> = {}): Promise<string> {
  const head = ['id', 'titre', 'service', 'canal', 'volume_annuel', 'type', 'statut', 'score', 'note', 'mentions_a_completer', 'signalements', 'version', 'priorite', 'rang', 'f_clarte', 'f_risque_juridique', 'f_portee', 'f_signalements', 'chemin', 'mis_a_jour'];
  const rows: unknown[][] = [];
  for (let page = 1; ; page++) {
    const { items } = await store.list({ ...query, page, perPage: 200 });
    for (const d of items) {
      const f = d.priority.factors;
      rows.push([d.id, d.title, d.service, d.channel, d.yearlyVolume, d.type, d.statusLabel, d.score, d.grade, d.missingMentions.map((m) => (m.status === 'partial' ? `${m.id} (incomplète)` : m.id)).join(' '), d.reports, d.latestVersion, d.priority.value, d.priority.rank, f.clarity, f.legal, f.reach, f.reports, d.path, d.updatedAt]);
    }
    if (items.length < 200) break;
  }
  return csvFile(head, rows);
}
