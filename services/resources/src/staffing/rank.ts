import { StaffingWeights, type RequiredSkill, type StaffingCandidate } from '@baton/contracts';

/** Pure ranking for skill-based staffing; the service supplies people, skills and hours. */
export interface RankPerson {
  id: string;
  name: string;
  department: string | null;
  hourlyCost: number | null;
  /** skillId → level */
  levels: Map<string, number>;
  availableHours: number;
  allocatedHours: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function rankCandidates(
  people: RankPerson[],
  required: RequiredSkill[],
  units: number,
  limit: number,
): StaffingCandidate[] {
  const costs = people.map((p) => p.hourlyCost).filter((c): c is number => c !== null);
  const min = Math.min(...costs);
  const max = Math.max(...costs);
  const scored = people.map((p): StaffingCandidate => {
    const skills = required.map((r) => ({
      skillId: r.skillId,
      level: p.levels.get(r.skillId) ?? null,
      required: r.minLevel ?? 1,
    }));
    const skillScore =
      skills.reduce((s, m) => s + (m.level === null ? 0 : Math.min(1, m.level / m.required)), 0) /
      skills.length;
    const freeHours = Math.max(0, p.availableHours - p.allocatedHours);
    const neededHours = (p.availableHours * units) / 100;
    const availabilityScore = neededHours > 0 ? Math.min(1, freeHours / neededHours) : 0;
    const costScore = p.hourlyCost === null ? 0.5 : max > min ? (max - p.hourlyCost) / (max - min) : 1;
    const score =
      StaffingWeights.skill * skillScore +
      StaffingWeights.availability * availabilityScore +
      StaffingWeights.cost * costScore;
    return {
      personId: p.id,
      name: p.name,
      department: p.department,
      score: round2(score),
      fullyQualified: skills.every((m) => m.level !== null && m.level >= m.required),
      skillScore: round2(skillScore),
      skills,
      freeHours: round2(freeHours),
      neededHours: round2(neededHours),
      availabilityScore: round2(availabilityScore),
      hourlyCost: p.hourlyCost,
      costScore: round2(costScore),
    };
  });
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.fullyQualified) - Number(a.fullyQualified) ||
        a.name.localeCompare(b.name) ||
        a.personId.localeCompare(b.personId),
    )
    .slice(0, limit);
}
