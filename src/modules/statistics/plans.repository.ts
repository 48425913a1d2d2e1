import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Plan } from './entities/plan.entity';

export interface PlanItem {
  programId: string;
  plannedClasses: number;
  plannedLearners: number;
}

/** Annual plans per unit and programme. Methods take the use case's EntityManager. */
@Injectable()
export class PlansRepository {
  /** Replaces the unit's plan for the year. */
  async replace(
    em: EntityManager,
    orgUnitId: string,
    year: number,
    items: PlanItem[],
    by: string | null,
  ): Promise<void> {
    await em.delete(Plan, { orgUnitId, year });
    if (items.length === 0) return;
    await em.insert(
      Plan,
      items.map((i) => ({ orgUnitId, year, ...i, updatedByUserId: by })),
    );
  }

  /** The plans of these units for the year, summed per programme. */
  async summed(em: EntityManager, orgUnitIds: string[], year: number): Promise<PlanItem[]> {
    if (orgUnitIds.length === 0) return [];
    return em.query(
      `SELECT program_id AS "programId", sum(planned_classes)::int AS "plannedClasses",
              sum(planned_learners)::int AS "plannedLearners"
         FROM stats_plans WHERE org_unit_id = ANY($1::uuid[]) AND year = $2 GROUP BY program_id`,
      [orgUnitIds, year],
    );
  }
}
