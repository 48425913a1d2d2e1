import { foldVietnamese } from '../../../common/vietnamese';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const ORG_UNIT_TYPES = [
  'academy',
  'regional_academy',
  'provincial_school',
  'district_center',
  'commune_center',
  'party_committee',
  'party_cell',
] as const;
export type OrgUnitType = (typeof ORG_UNIT_TYPES)[number];

/**
 * A unit of the training organisation. `path` is where the unit sits in the tree (its history);
 * `rollupPath` is where it counts today: the same as `path` until the unit or an ancestor is merged,
 * after which it lies under the merge target, so subtree queries and scopes follow the merge.
 */
@Entity('org_units')
@Index('org_units_code_lower_key', { synchronize: false })
@Index('org_units_path_gist', { synchronize: false })
@Index('org_units_rollup_path_gist', { synchronize: false })
export class OrgUnit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique regardless of case, e.g. `TCT-HANOI`; how imports and other systems name the unit. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** Name and code folded (no diacritics, lower case) for `?q=`. */
  @Column({ type: 'text', default: '', select: false })
  searchText: string;

  @Column({ type: 'text' })
  type: OrgUnitType;

  @Index('org_units_parent_id_idx')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnit;

  @Column({ type: 'ltree' })
  path: string;

  @Column({ type: 'ltree' })
  rollupPath: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id' })
  mergedInto?: OrgUnit;

  @Column({ type: 'date', nullable: true })
  mergedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An ltree label for a unit: its id without dashes (labels allow letters, digits and `_`). */
export const pathLabel = (id: string) => id.replace(/-/g, '');

/** The `path` and `rollupPath` of a new unit `id` under `parent` (a root when there is none). */
export function childPaths(
  id: string,
  parent: { path: string; rollupPath: string } | null,
): { path: string; rollupPath: string } {
  const label = pathLabel(id);
  return parent
    ? { path: `${parent.path}.${label}`, rollupPath: `${parent.rollupPath}.${label}` }
    : { path: label, rollupPath: label };
}

/** What `?q=` matches for a unit: name and code, folded. */
export const unitSearchText = (name: string, code: string) => foldVietnamese(`${name} ${code}`);
