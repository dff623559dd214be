/*
 * Disclosure control: what a reader who is not the organisation's lead, and every export, may
 * see of the measures. The rules are written out in docs/measurement.md ("Small numbers").
 */
export { isSmall, protect, recoverable, type Line } from './cells';
export { mayExportRecords, maySeeRecords, rateShown, seesRawCounts, WITHHELD } from './rules';
export { discloseChart, type DisclosedChart, type DisclosedRow } from './chart';
export {
	dimensions,
	jointFor,
	ORGANISATION,
	protectJointly,
	setId,
	sliceId,
	type Dimension,
	type JointProtection,
	type JointSeries,
	type JointWithheld
} from './joint';
export { protectTied, tiedMeasures, type TiedMeasure } from './tied';
export {
	discloseEquity,
	type DisclosedEquity,
	type DisclosedEquityRow,
	type ShownCount,
	type ShownRate
} from './equity';
