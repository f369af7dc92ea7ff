import type { ListPeopleRequest, Page, PersonSkillResponse } from '@baton/contracts';
import { escapeLike, paginate, unlessDuplicate } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, ILike, type EntityManager } from 'typeorm';
import { LeaveEntity, PersonEntity, PersonSkillEntity, SkillEntity } from './person.entity.js';

/** Every query on people, skills and leave; each one is scoped to a tenant. */
@Injectable()
export class PersonRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  find(tenantId: string, id: string, manager?: EntityManager): Promise<PersonEntity | null> {
    return this.m(manager).findOneBy(PersonEntity, { tenantId, id });
  }

  findForUpdate(manager: EntityManager, tenantId: string, id: string): Promise<PersonEntity | null> {
    return manager
      .createQueryBuilder(PersonEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.tenant_id = :tenantId AND p.id = :id', { tenantId, id })
      .getOne();
  }

  /** saves; a duplicate e-mail in the tenant comes back as `'duplicate'` instead of throwing */
  save(manager: EntityManager, person: PersonEntity): Promise<PersonEntity | 'duplicate'> {
    return unlessDuplicate(manager, 'person_tenant_email_uq', () => manager.save(person));
  }

  /** the line-manager chain above `id` (nearest first), to refuse reporting cycles */
  async managerChain(manager: EntityManager, tenantId: string, id: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `WITH RECURSIVE chain(id, depth) AS (
         SELECT line_manager_id, 1 FROM resources.person WHERE tenant_id = $1 AND id = $2
         UNION ALL
         SELECT p.line_manager_id, c.depth + 1 FROM resources.person p JOIN chain c ON p.tenant_id = $1 AND p.id = c.id
         WHERE c.depth < 100
       ) SELECT id FROM chain WHERE id IS NOT NULL ORDER BY depth`,
      [tenantId, id],
    );
    return rows.map((r) => r.id);
  }

  list(tenantId: string, q: ListPeopleRequest): Promise<Page<PersonEntity>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(PersonEntity, 'p')
      .where('p.tenant_id = :tenantId', { tenantId });
    if (!q.includeInactive) qb.andWhere('p.active');
    if (q.department) qb.andWhere('p.department = :department', { department: q.department });
    if (q.lineManagerId) qb.andWhere('p.line_manager_id = :lm', { lm: q.lineManagerId });
    if (q.skillId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM resources.person_skill ps WHERE ps.tenant_id = p.tenant_id AND ps.person_id = p.id AND ps.skill_id = :skillId)',
        { skillId: q.skillId },
      );
    }
    if (q.q) qb.andWhere('(p.name ILIKE :q OR p.email ILIKE :q)', { q: `%${escapeLike(q.q)}%` });
    return paginate(qb, {
      sort: 'name',
      columns: { name: 'p.name' },
      idColumn: 'p.id',
      limit: q.limit,
      cursor: q.cursor,
      keyOf: (row) => [row.name, row.id],
    });
  }

  /** skills of several people, with the skill names, grouped by person */
  async skillsOf(
    tenantId: string,
    personIds: string[],
    manager?: EntityManager,
  ): Promise<Map<string, PersonSkillResponse[]>> {
    const out = new Map<string, PersonSkillResponse[]>(personIds.map((id) => [id, []]));
    if (personIds.length === 0) return out;
    const rows: Array<{
      person_id: string;
      skill_id: string;
      name: string;
      level: number;
      certificate: string | null;
      certified_until: string | null;
    }> = await this.m(manager).query(
      `SELECT ps.person_id, ps.skill_id, s.name, ps.level, ps.certificate, to_char(ps.certified_until, 'YYYY-MM-DD') AS certified_until
           FROM resources.person_skill ps JOIN resources.skill s ON s.tenant_id = ps.tenant_id AND s.id = ps.skill_id
          WHERE ps.tenant_id = $1 AND ps.person_id = ANY($2::uuid[]) ORDER BY s.name`,
      [tenantId, personIds],
    );
    for (const r of rows) {
      out.get(r.person_id)!.push({
        skillId: r.skill_id,
        skillName: r.name,
        level: r.level,
        ...(r.certificate ? { certificate: r.certificate } : {}),
        ...(r.certified_until ? { certifiedUntil: r.certified_until } : {}),
      });
    }
    return out;
  }

  async replaceSkills(
    manager: EntityManager,
    tenantId: string,
    personId: string,
    skills: PersonSkillEntity[],
  ): Promise<void> {
    await manager.delete(PersonSkillEntity, { tenantId, personId });
    if (skills.length) await manager.insert(PersonSkillEntity, skills);
  }

  /** the ids among `ids` that are NOT skills of the tenant */
  async unknownSkills(manager: EntityManager, tenantId: string, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT id FROM resources.skill WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, ids],
    );
    const known = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !known.has(id));
  }

  skills(tenantId: string, q?: string): Promise<SkillEntity[]> {
    return this.dataSource.manager.find(SkillEntity, {
      where: { tenantId, ...(q ? { name: ILike(`%${escapeLike(q)}%`) } : {}) },
      order: { name: 'ASC' },
    });
  }

  leaveOf(tenantId: string, personId: string, manager?: EntityManager): Promise<LeaveEntity[]> {
    return this.m(manager).find(LeaveEntity, { where: { tenantId, personId }, order: { startDate: 'ASC' } });
  }
}
