import type { OrgUnitType } from '../modules/org-units/entities/org-unit.entity';
import type { Role } from '../modules/auth/permissions';
import type { PartyStatus } from '../modules/users/entities/user.entity';

export interface SeedUnit {
  code: string;
  name: string;
  type: OrgUnitType;
  children?: SeedUnit[];
}

export interface SeedPerson {
  username: string;
  fullName: string;
  unit: string;
  role: Role;
  partyStatus: PartyStatus;
  partyAdmissionDate?: string;
  dateOfBirth?: string;
}

/** The academy the seeded system admin belongs to. */
export const ACADEMY_CODE = 'HVCTQG';

/**
 * A small tree as it stands after the 2025 reorganisation: the academy, a regional academy, two
 * provincial schools, a commune-level centre under each, and two party cells under each centre.
 */
export const DEMO_TREE: SeedUnit = {
  code: ACADEMY_CODE,
  name: 'Học viện Chính trị quốc gia Hồ Chí Minh',
  type: 'academy',
  children: [
    {
      code: 'HVCTKV1',
      name: 'Học viện Chính trị khu vực I',
      type: 'regional_academy',
      children: [
        {
          code: 'TCT-TUYENQUANG',
          name: 'Trường Chính trị tỉnh Tuyên Quang',
          type: 'provincial_school',
          children: [
            {
              code: 'TTCT-MINHXUAN',
              name: 'Trung tâm Chính trị phường Minh Xuân',
              type: 'commune_center',
              children: [
                { code: 'CB-MINHXUAN-TDP1', name: 'Chi bộ Tổ dân phố 1 phường Minh Xuân', type: 'party_cell' },
                { code: 'CB-MINHXUAN-THCS', name: 'Chi bộ Trường THCS Minh Xuân', type: 'party_cell' },
              ],
            },
          ],
        },
        {
          code: 'TCT-BACNINH',
          name: 'Trường Chính trị tỉnh Bắc Ninh',
          type: 'provincial_school',
          children: [
            {
              code: 'TTCT-KINHBAC',
              name: 'Trung tâm Chính trị phường Kinh Bắc',
              type: 'commune_center',
              children: [
                { code: 'CB-KINHBAC-DONGXUYEN', name: 'Chi bộ khu phố Đông Xuyên', type: 'party_cell' },
                { code: 'CB-KINHBAC-TIEUHOC', name: 'Chi bộ Trường Tiểu học Kinh Bắc', type: 'party_cell' },
              ],
            },
          ],
        },
      ],
    },
  ],
};

/** Staff and learners per province; all share DEMO_PASSWORD (demo data only, never in production). */
export const DEMO_PEOPLE: SeedPerson[] = [
  {
    username: 'qtv.tuyenquang',
    fullName: 'Hoàng Thị Thu Hà',
    unit: 'TCT-TUYENQUANG',
    role: 'school_admin',
    partyStatus: 'full',
    partyAdmissionDate: '2008-05-19',
  },
  {
    username: 'gv.tuyenquang',
    fullName: 'Nông Văn Định',
    unit: 'TCT-TUYENQUANG',
    role: 'instructor',
    partyStatus: 'full',
    partyAdmissionDate: '2005-02-03',
  },
  {
    username: 'hv.minhxuan.1',
    fullName: 'Lý Thị Mai',
    unit: 'CB-MINHXUAN-TDP1',
    role: 'learner',
    partyStatus: 'candidate',
    dateOfBirth: '1998-09-02',
  },
  {
    username: 'hv.minhxuan.2',
    fullName: 'Đặng Quốc Khánh',
    unit: 'CB-MINHXUAN-THCS',
    role: 'learner',
    partyStatus: 'probationary',
    partyAdmissionDate: '2026-03-26',
    dateOfBirth: '1996-12-22',
  },
  {
    username: 'hv.minhxuan.3',
    fullName: 'Ma Văn Tuấn',
    unit: 'CB-MINHXUAN-TDP1',
    role: 'learner',
    partyStatus: 'none',
    dateOfBirth: '2001-04-30',
  },
  {
    username: 'qtv.bacninh',
    fullName: 'Nguyễn Thị Lan Anh',
    unit: 'TCT-BACNINH',
    role: 'school_admin',
    partyStatus: 'full',
    partyAdmissionDate: '2010-01-06',
  },
  {
    username: 'gv.bacninh',
    fullName: 'Trần Đức Thắng',
    unit: 'TCT-BACNINH',
    role: 'instructor',
    partyStatus: 'full',
    partyAdmissionDate: '2003-09-02',
  },
  {
    username: 'hv.kinhbac.1',
    fullName: 'Ngô Thị Hường',
    unit: 'CB-KINHBAC-DONGXUYEN',
    role: 'learner',
    partyStatus: 'candidate',
    dateOfBirth: '1999-07-27',
  },
  {
    username: 'hv.kinhbac.2',
    fullName: 'Vũ Minh Đức',
    unit: 'CB-KINHBAC-TIEUHOC',
    role: 'learner',
    partyStatus: 'probationary',
    partyAdmissionDate: '2025-12-12',
    dateOfBirth: '1995-03-08',
  },
  {
    username: 'hv.kinhbac.3',
    fullName: 'Phạm Thu Trang',
    unit: 'CB-KINHBAC-DONGXUYEN',
    role: 'learner',
    partyStatus: 'none',
    dateOfBirth: '2002-11-20',
  },
  {
    username: 'thongke.hvctkv1',
    fullName: 'Lê Hồng Sơn',
    unit: 'HVCTKV1',
    role: 'stats_viewer',
    partyStatus: 'full',
    partyAdmissionDate: '2000-03-03',
  },
];

export const DEMO_PASSWORD = 'lyluan-demo-2026';
