import type { MigrationInterface, QueryRunner } from 'typeorm';

/** the programme a project is in, from planning's project events (null in events written before programmes) */
export class AddProjectViewProgramme1795337500000 implements MigrationInterface {
  name = 'AddProjectViewProgramme1795337500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reporting.project_view ADD COLUMN programme_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reporting.project_view DROP COLUMN programme_id`);
  }
}
