// A real installation's first start (`ssj init`): the org tree read from the operator's file and
// the first system administrator, written in one transaction into a database that has neither
// units nor accounts. The file is checked in full first (src/core/orgTree/orgTreeFile.ts); a file
// with any problem writes nothing. The administrator gets a one-time password, shown once, that
// must be changed at the first login.
import type { Insertable, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB, OrgUnitTable } from '../../db/schema.ts';
import { checkOrgTree, orgTreeColumns, type Division, type OrgTreeFileRow, type OrgTreeColumn } from '../../core/orgTree/orgTreeFile.ts';
import { insertInBatches } from '../../db/reference-data.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { hashPassword, insertNewLogin, oneTimePassword } from '../auth/password.ts';
import { AppError } from '../http/errors.ts';
import { readImportRows, refuseRowErrors } from '../files/rowImport.ts';
import { writeXlsx } from '../files/spreadsheet.ts';

export type OrgUnitRow = Insertable<OrgUnitTable> & { path: string };

export interface FirstAdministrator {
  username: string;
  displayName: string;
  /** The unit the administrator manages (its code in the org tree). */
  unitCode: string;
  /** A starting password, to be replaced at the first login. */
  password: string;
}

const USERNAME_PATTERN = /^[a-z0-9_.-]{3,40}$/;

/** What an installation holds already: units and accounts (both 0 before the first start). */
export async function installationContents(db: Kysely<DB>): Promise<{ units: number; users: number }> {
  const { rows } = await sql<{ units: string; users: string }>`
    SELECT (SELECT count(*) FROM org_unit) AS units, (SELECT count(*) FROM app_user) AS users`.execute(db);
  return { units: Number(rows[0]!.units), users: Number(rows[0]!.users) };
}

async function refuseUnlessEmpty(db: Kysely<DB>): Promise<void> {
  const { units, users } = await installationContents(db);
  if (units + users === 0) return;
  throw new AppError(
    'CONFLICT',
    `数据库中已有 ${units} 个单位、${users} 个账号，首次启动只能在空数据库上进行，未做任何改动。` +
      '已建好的安装请用系统管理员账号登录监管端控制台，在「组织机构」「用户」中增补；要重新开始，请换一个空的数据目录（--data-dir）或新建一个空数据库（--database-url）。',
    { units, users },
  );
}

/**
 * Writes the org tree (parents before children) and the first administrator in one transaction,
 * each unit and the account audited in the root unit's chain. Refused when the database already
 * has units or accounts.
 */
export async function installOrgTree(
  db: Kysely<DB>,
  input: { units: readonly OrgUnitRow[]; admin: FirstAdministrator; actorName: string; source: string },
): Promise<{ units: number; users: number }> {
  const { units, admin } = input;
  const root = units[0];
  if (!root || root.parent_code !== null) throw new Error('组织机构须从根单位开始列出');
  if (!units.some((u) => u.code === admin.unitCode)) {
    throw new AppError('VALIDATION_FAILED', `系统管理员所在单位 ${admin.unitCode} 不在组织机构中，请填写文件中的一个单位代码。`, {
      field: 'adminUnit',
    });
  }
  const passwordHash = await hashPassword(admin.password);
  const actor = { unitCode: root.code, actorUserId: null, actorName: input.actorName };
  await db.transaction().execute(async (trx) => {
    // Two first starts at once on one server: the second waits here, then finds the first's units.
    await sql`SELECT pg_advisory_xact_lock(hashtext('ssj:first-start'))`.execute(trx);
    await refuseUnlessEmpty(trx);
    await insertInBatches(trx, 'org_unit', units);
    for (const unit of units) {
      await recordAudit(trx, {
        ...actor,
        action: 'org.create',
        objectType: 'org_unit',
        objectId: unit.code,
        after: unit,
        note: `首次启动：${input.source}`,
      });
    }
    const user = await insertNewLogin(trx, { ...admin, homeUnitCode: admin.unitCode, passwordHash }, 'adminUsername');
    await trx.insertInto('user_role').values({ user_id: user.id, unit_code: admin.unitCode, role: 'admin' }).execute();
    await recordAudit(trx, {
      ...actor,
      action: 'user.create',
      objectType: 'user',
      objectId: user.id,
      after: {
        username: admin.username,
        displayName: admin.displayName,
        homeUnitCode: admin.unitCode,
        roles: [{ unitCode: admin.unitCode, role: 'admin' }],
        firstStart: true,
      },
    });
  });
  return { units: units.length, users: 1 };
}

/** The divisions of GB/T 2260 (reference data) by code. */
export async function loadDivisions(db: Kysely<DB>): Promise<Map<string, Division>> {
  const rows = await db.selectFrom('ref_division').select(['code', 'name', 'level', 'parent_code']).execute();
  return new Map(rows.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }]));
}

/** The units of an org-tree file, root first; every problem of the file in one refusal. */
export async function readOrgTreeFile(db: Kysely<DB>, filePath: string, fileName: string): Promise<OrgUnitRow[]> {
  const rows: OrgTreeFileRow[] = [];
  const required = Object.values(orgTreeColumns)
    .filter((c) => c.required)
    .map((c) => c.label)
    .join('、');
  const template = '可用 ssj init --template 文件名.xlsx 得到模板';
  for await (const { rowNumber, cell } of readImportRows(filePath, fileName, orgTreeColumns, { rows: '单位数据', required, template })) {
    const text = (key: OrgTreeColumn) => cell(key).trim();
    rows.push({
      row: rowNumber,
      code: text('code'),
      name: text('name'),
      parentCode: text('parentCode'),
      kind: text('kind'),
      shortName: text('shortName'),
      deptType: text('deptType'),
    });
  }
  const check = checkOrgTree(rows, await loadDivisions(db));
  if (!check.ok) throw refuseRowErrors(check.errors, rows.length);
  return check.units.map((u) => ({
    code: u.code,
    name: u.name,
    short_name: u.shortName,
    kind: u.kind,
    parent_code: u.parentCode,
    path: u.path,
    region_code: u.regionCode,
    dept_type: u.deptType,
    sort_order: u.sortOrder,
  }));
}

/**
 * `ssj init`: the org tree from the operator's file and the first administrator (at the root
 * unit unless another is named), with a one-time password the caller shows once.
 */
export async function initInstallation(
  db: Kysely<DB>,
  input: {
    filePath: string;
    fileName: string;
    adminUsername: string;
    adminName: string;
    adminUnitCode?: string | undefined;
    actorName: string;
  },
): Promise<{ units: OrgUnitRow[]; admin: FirstAdministrator }> {
  const username = input.adminUsername.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw new AppError(
      'VALIDATION_FAILED',
      `系统管理员用户名「${input.adminUsername}」不可用：用户名须为 3–40 位小写字母、数字、点、下划线或连字符。`,
    );
  }
  const displayName = input.adminName.trim();
  if (displayName.length < 1 || displayName.length > 40) throw new AppError('VALIDATION_FAILED', '系统管理员姓名须为 1–40 个字。');
  await refuseUnlessEmpty(db);
  const units = await readOrgTreeFile(db, input.filePath, input.fileName);
  const admin = { username, displayName, unitCode: input.adminUnitCode?.trim() || units[0]!.code, password: oneTimePassword(username) };
  await installOrgTree(db, { units, admin, actorName: input.actorName, source: input.fileName });
  return { units, admin };
}

/** Example rows of the template: a province, a city, a county and one unit of each kind below it. */
const templateRows: Array<Record<OrgTreeColumn, string>> = [
  { code: '140000', name: '山西省市场监督管理局', shortName: '山西省局', parentCode: '', kind: '省级', deptType: '' },
  { code: '140500', name: '晋城市市场监督管理局', shortName: '晋城市局', parentCode: '140000', kind: '市级', deptType: '' },
  { code: '140581', name: '高平市市场监督管理局', shortName: '高平市局', parentCode: '140500', kind: '县级', deptType: '' },
  {
    code: '140581-xyjg',
    name: '高平市市场监督管理局信用监管股',
    shortName: '信用监管股',
    parentCode: '140581',
    kind: '股室',
    deptType: '',
  },
  {
    code: '140581-mishan',
    name: '高平市市场监督管理局米山市场监管所',
    shortName: '米山所',
    parentCode: '140581',
    kind: '所',
    deptType: '',
  },
  {
    code: '140581-zj',
    name: '高平市住房和城乡建设局',
    shortName: '住建局',
    parentCode: '140581',
    kind: '联合抽查成员单位',
    deptType: '住建',
  },
];

const templateNotes: Array<{ column: string; note: string }> = [
  {
    column: '单位代码',
    note: '必填，唯一。省级、市级、县级单位填 6 位行政区划代码（GB/T 2260，如 140581）；其下单位用小写字母、数字和连字符，如 140581-xyjg。',
  },
  { column: '单位名称', note: '必填，2–100 个字。' },
  { column: '简称', note: '选填，最多 40 个字；不填则用单位名称。' },
  { column: '上级单位代码', note: '只有省级单位（组织机构的根，全文件一行）留空；其他单位填文件中另一行的单位代码，上下级不能循环。' },
  {
    column: '单位类型',
    note: '省级、市级、县级、股室/科室、市场监管所（或“所”）、联合抽查成员单位。省级下可设市级、县级（直辖市的区、省直管县）、股室；市级下可设县级、股室、所；县级下可设股室、所、联合抽查成员单位。',
  },
  { column: '部门类别', note: '只有联合抽查成员单位填写，如 住建、教育、公安；其他单位留空。' },
];

/** The org-tree file template (.xlsx): the header row and example rows, and a sheet explaining each column. */
export function orgTreeTemplate(): Promise<Buffer> {
  const order: OrgTreeColumn[] = ['code', 'name', 'shortName', 'parentCode', 'kind', 'deptType'];
  return writeXlsx([
    {
      name: '组织机构',
      columns: order.map((key) => ({ header: orgTreeColumns[key].label, key, width: key === 'name' ? 40 : 18 })),
      rows: templateRows,
    },
    {
      name: '填写说明',
      columns: [
        { header: '列', key: 'column', width: 16 },
        { header: '说明', key: 'note', width: 100 },
      ],
      rows: templateNotes,
    },
  ]);
}
