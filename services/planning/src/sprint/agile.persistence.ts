import { BacklogItemEntity } from '../backlog/backlog-item.entity.js';
import { ChangeRequestEventEntity } from '../change-request/change-request-event.entity.js';
import { ChangeRequestEntity } from '../change-request/change-request.entity.js';
import { CreateSprintAndBacklogItem1763769900000 } from '../database/migrations/1763769900000-CreateSprintAndBacklogItem.js';
import { CreateChangeRequest1763769910000 } from '../database/migrations/1763769910000-CreateChangeRequest.js';
import { SprintEntity } from './sprint.entity.js';

/** agile planning (sprints, backlog) and change control: their tables, spread into PlanningPersistence */
export const AgilePersistence = {
  entities: [SprintEntity, BacklogItemEntity, ChangeRequestEntity, ChangeRequestEventEntity],
  migrations: [CreateSprintAndBacklogItem1763769900000, CreateChangeRequest1763769910000],
};
