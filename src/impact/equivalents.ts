import type { Range, RequestImpact } from "./estimator.js";

/** A 5 W LED bulb (a common household bulb): minutes = energy ÷ 5 W. Needs no source. */
export const LED_BULB_WATTS = 5;

/**
 * One hour of video streaming: 36 gCO2 (devices, networks and data centres,
 * world average, 2019). Source: IEA, George Kamiya, "The carbon footprint of
 * streaming video: fact-checking the headlines", commentary, updated
 * 11 December 2020, https://www.iea.org/commentaries/the-carbon-footprint-of-streaming-video-fact-checking-the-headlines
 */
export const STREAMING_GCO2_PER_HOUR = 36;

/** What people picture, each a range like the figures it comes from. */
export interface Equivalents {
  /** Minutes a 5 W LED bulb shines on the request's energy. */
  ledBulbMinutes: Range;
  /** Minutes of video streaming emitting the request's GWP (usage + embodied). */
  videoStreamingMinutes: Range;
}

const scale = (range: Range, factor: number): Range => ({
  min: range.min * factor,
  max: range.max * factor,
});

export function equivalents(impact: RequestImpact): Equivalents {
  return equivalentsOf(impact.energy, impact.gwp.total);
}

/** The same for any energy (kWh) and GWP (kgCO2e): a sum over several requests, say. */
export function equivalentsOf(energyKwh: Range, gwpKg: Range): Equivalents {
  return {
    // kWh → Wh, ÷ W → hours, → minutes.
    ledBulbMinutes: scale(energyKwh, (1000 / LED_BULB_WATTS) * 60),
    // kgCO2e → g, ÷ g/h → hours, → minutes.
    videoStreamingMinutes: scale(gwpKg, (1000 / STREAMING_GCO2_PER_HOUR) * 60),
  };
}
