// Topic time series: counts, shares and upvotes per topic per period, gaps filled, undated papers apart.
import { describe, expect, it } from 'vitest';
import { topicRow, topicSeries } from '../../pipeline/trends/series.ts';

describe('topicSeries', () => {
  // Three weeks with papers and an empty one between (2025-W51 and 2026-W02 around a year end).
  const dates = [
    '2025-12-15', '2025-12-16', '2025-12-17', // 2025-W51: topics 0, 0, 1
    // 2025-W52: none
    '2025-12-29', '2026-01-02',               // 2026-W01: topics 1, -1 (an outlier)
    '2026-01-05', '2026-01-11', '2026-01-11', // 2026-W02: topics 0, 1, 1
    null, null,                               // undated: topics 0, 1
  ];
  const topics = Int32Array.from([0, 0, 1, 1, -1, 0, 1, 1, 0, 1]);
  const upvotes = [5, null, 2, 1, 7, 3, 0, 4, 100, 100];

  it('counts per topic per week over a range with no gaps', () => {
    const s = topicSeries({ dates, topics, upvotes });
    expect(s.period).toBe('week');
    expect(s.periods).toEqual(['2025-W51', '2025-W52', '2026-W01', '2026-W02']);
    expect(s.nTopics).toBe(2);
    expect([...topicRow(s, s.counts, 0)]).toEqual([2, 0, 0, 1]);
    expect([...topicRow(s, s.counts, 1)]).toEqual([1, 0, 1, 2]);
    expect([...s.totals]).toEqual([3, 0, 2, 3]); // the outlier counts in its week's total
    expect(s.undated).toBe(2);
    expect([...s.undatedByTopic]).toEqual([1, 1]);
    expect(s.outside).toBe(0);
  });

  it('gives shares of each period and summed upvotes', () => {
    const s = topicSeries({ dates, topics, upvotes });
    // topic 0: 2/3, 0 (empty week), 0/2, 1/3; topic 1: 1/3, 0, 1/2, 2/3
    expect([...topicRow(s, s.shares, 0)]).toEqual([2 / 3, 0, 0, 1 / 3]);
    expect([...topicRow(s, s.shares, 1)]).toEqual([1 / 3, 0, 1 / 2, 2 / 3]);
    // upvotes: topic 0 = 5 + 0 (null), -, -, 3; topic 1 = 2, -, 1, 0 + 4; undated ones never count
    expect([...topicRow(s, s.upvotes, 0)]).toEqual([5, 0, 0, 3]);
    expect([...topicRow(s, s.upvotes, 1)]).toEqual([2, 0, 1, 4]);
  });

  it('buckets by month or quarter when asked, and keeps empty topics', () => {
    const s = topicSeries({ dates, topics }, { period: 'month', nTopics: 3 });
    expect(s.periods).toEqual(['2025-12', '2026-01']);
    expect([...s.counts]).toEqual([2, 1, 2, 2, 0, 0]);
    expect([...s.upvotes]).toEqual([0, 0, 0, 0, 0, 0]);
    const q = topicSeries({ dates, topics }, { period: 'quarter' });
    expect(q.periods).toEqual(['2025-Q4', '2026-Q1']);
  });

  it('takes a given range: empty periods kept, papers outside counted apart', () => {
    const s = topicSeries({ dates, topics }, { first: '2025-W52', last: '2026-W03' });
    expect(s.periods).toEqual(['2025-W52', '2026-W01', '2026-W02', '2026-W03']);
    expect([...s.totals]).toEqual([0, 2, 3, 0]);
    expect(s.outside).toBe(3);
  });

  it('has an empty range when no paper has a date', () => {
    const s = topicSeries({ dates: [null, null], topics: Int32Array.from([0, 0]) });
    expect(s.periods).toEqual([]);
    expect(s.undated).toBe(2);
    expect(s.counts.length).toBe(0);
  });

  it('refuses mismatched inputs', () => {
    expect(() => topicSeries({ dates, topics: Int32Array.from([0]) })).toThrow(/1 entries for 10 papers/);
    expect(() => topicSeries({ dates, topics }, { nTopics: 1 })).toThrow(/topic id 1 is outside 0..0/);
  });
});
