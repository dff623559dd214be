import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasurePoint } from '../measures';
import { recoverable, type Line } from './cells';
import { ORGANISATION, sliceId, type JointSeries } from './joint';
import { protectTied, type TiedMeasure } from './tied';

const week = '2026-11-02';
const wards = ['a', 'b', 'c'];
const ids = [ORGANISATION, ...wards.map((w) => sliceId('ward', w))];

/** One ward's week: admissions, given, and of those given, fitting, answered and yes. */
interface Ward {
	admissions: number;
	given: number;
	fit: number;
	talkedAnswered: number;
	talked: number;
	teachAnswered: number;
	teach: number;
}

const point = (numerator: number, denominator: number, notRecorded?: number): MeasurePoint => ({
	period: week,
	numerator,
	denominator,
	value: denominator ? (100 * numerator) / denominator : null,
	...(notRecorded === undefined ? {} : { notRecorded })
});

type Value = (pick: (w: Ward) => number) => number;

function seriesOf(data: Ward[]): Record<TiedMeasure, Omit<JointSeries, 'sets'>> {
	const sum = (pick: (w: Ward) => number) => data.reduce((s, w) => s + pick(w), 0);
	const make = (of: (v: Value) => MeasurePoint, w?: Ward) =>
		of(w ? (pick: (w: Ward) => number) => pick(w) : sum);
	const measure = (of: (v: Value) => MeasurePoint) => ({
		unit: 'percentage' as const,
		organisation: [make(of)],
		slices: data.map((w, i) => ({
			dimension: 'ward' as const,
			value: wards[i] as string,
			points: [make(of, w)]
		}))
	});
	return {
		coverage: measure((v) =>
			point(
				v((w) => w.given),
				v((w) => w.admissions)
			)
		),
		formatFit: measure((v) =>
			point(
				v((w) => w.fit),
				v((w) => w.given)
			)
		),
		talkedThrough: measure((v) =>
			point(
				v((w) => w.talked),
				v((w) => w.talkedAnswered),
				v((w) => w.given - w.talkedAnswered)
			)
		),
		teachBack: measure((v) =>
			point(
				v((w) => w.teach),
				v((w) => w.teachAnswered),
				v((w) => w.given - w.teachAnswered)
			)
		)
	};
}

/** Every count a reader may see, by cell, and every line (within a table and between tables). */
function everything(protection: ReturnType<typeof protectTied>) {
	const cell = (name: string, id: string) => `${name}|${id}`;
	const hidden = new Set<string>();
	const quantities: Array<[string, TiedMeasure, 'numerator' | 'denominator' | 'notRecorded']> = [
		['admissions', 'coverage', 'denominator'],
		['covered', 'coverage', 'numerator'],
		['given', 'formatFit', 'denominator'],
		['fit', 'formatFit', 'numerator'],
		['talkedAnswered', 'talkedThrough', 'denominator'],
		['talkedNotRecorded', 'talkedThrough', 'notRecorded'],
		['teachAnswered', 'teachBack', 'denominator'],
		['teachNotRecorded', 'teachBack', 'notRecorded']
	];
	for (const [name, measure, quantity] of quantities)
		for (const id of ids)
			if (protection[measure].get(week)?.get(id)?.[quantity]) hidden.add(cell(name, id));
	const lines: Line[] = [
		...quantities.map(([name]) => ({
			total: cell(name, ORGANISATION),
			parts: ids.slice(1).map((id) => cell(name, id))
		})),
		...ids.flatMap((id) => [
			{ total: cell('given', id), parts: [cell('covered', id)] },
			{
				total: cell('given', id),
				parts: [cell('talkedAnswered', id), cell('talkedNotRecorded', id)]
			},
			{ total: cell('given', id), parts: [cell('teachAnswered', id), cell('teachNotRecorded', id)] }
		])
	];
	return { hidden, lines, cell };
}

describe('protectTied', () => {
	it('does not show the 40 given beside the 37 answered when the 3 not recorded are hidden', () => {
		const ward = (given: number, talkedAnswered: number): Ward => ({
			admissions: given + 20,
			given,
			fit: given - 10,
			talkedAnswered,
			talked: talkedAnswered - 10,
			teachAnswered: given,
			teach: given - 10
		});
		const protection = protectTied(seriesOf([ward(40, 37), ward(30, 30), ward(25, 25)]));
		const talked = protection.talkedThrough.get(week)?.get(sliceId('ward', 'a'));
		const fit = protection.formatFit.get(week)?.get(sliceId('ward', 'a'));
		expect(talked?.notRecorded).toBe(true);
		expect(Boolean(talked?.denominator) || Boolean(fit?.denominator)).toBe(true);
		const { hidden, lines } = everything(protection);
		expect(recoverable(lines, hidden)).toEqual([]);
	});

	it('hides the briefings given where coverage hides its numerator (42 admitted, 40 given)', () => {
		const ward = (admissions: number, given: number): Ward => ({
			admissions,
			given,
			fit: given - 10,
			talkedAnswered: given,
			talked: given - 10,
			teachAnswered: given,
			teach: given - 10
		});
		const protection = protectTied(seriesOf([ward(42, 40), ward(50, 30), ward(45, 25)]));
		const a = sliceId('ward', 'a');
		expect(protection.coverage.get(week)?.get(a)?.numerator).toBe(true);
		expect(protection.formatFit.get(week)?.get(a)?.denominator).toBe(true);
	});

	it('leaves no hidden count that the four measures’ pages give away together', () => {
		const count = fc.integer({ min: 0, max: 30 });
		const ward = fc
			.record({
				notGiven: count,
				given: count,
				notFit: count,
				talkedNotRecorded: fc.integer({ min: 0, max: 6 }),
				talkedNo: count,
				teachNotRecorded: fc.integer({ min: 0, max: 6 }),
				teachNo: count
			})
			.map((r): Ward => {
				const talkedAnswered = Math.max(0, r.given - r.talkedNotRecorded);
				const teachAnswered = Math.max(0, r.given - r.teachNotRecorded);
				return {
					admissions: r.given + r.notGiven,
					given: r.given,
					fit: Math.max(0, r.given - r.notFit),
					talkedAnswered,
					talked: Math.max(0, talkedAnswered - r.talkedNo),
					teachAnswered,
					teach: Math.max(0, teachAnswered - r.teachNo)
				};
			});
		fc.assert(
			fc.property(fc.array(ward, { minLength: 3, maxLength: 3 }), (data) => {
				const { hidden, lines, cell } = everything(protectTied(seriesOf(data)));
				// A zero hidden only because what it is a part of is (0 covered of hidden admissions)
				// gives nothing away: no count that is not 0 may be worked out.
				const valueOf = (id: string) => {
					const [name, slice] = id.split('|') as [
						keyof Ward | 'talkedNotRecorded' | 'teachNotRecorded' | 'covered',
						string
					];
					const of = (w: Ward) =>
						name === 'talkedNotRecorded'
							? w.given - w.talkedAnswered
							: name === 'teachNotRecorded'
								? w.given - w.teachAnswered
								: name === 'covered'
									? w.given
									: w[name];
					return slice === ORGANISATION
						? data.reduce((sum, w) => sum + of(w), 0)
						: of(data[wards.indexOf(slice.slice('ward:'.length))] as Ward);
				};
				expect(recoverable(lines, hidden).filter((id) => valueOf(id) !== 0)).toEqual([]);
				// Every count from 1 to 4 is hidden.
				for (const [i, w] of data.entries()) {
					const id = sliceId('ward', wards[i] as string);
					if (w.given - w.talkedAnswered >= 1 && w.given - w.talkedAnswered <= 4)
						expect(hidden.has(cell('talkedNotRecorded', id))).toBe(true);
				}
			}),
			{ numRuns: 300 }
		);
	});
});
