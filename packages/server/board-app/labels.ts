/** The board's Chinese labels for the API's enums (their meaning: schema/schema.graphql). */
import type { CaseStatus, Urgency } from './api';

/** The open statuses, one column each, in the order of the case lifecycle. */
export const COLUMNS: readonly { status: CaseStatus; label: string; hint: string }[] = [
  { status: 'REPORTED', label: '待受理', hint: '等待受理员立案或不予立案' },
  { status: 'ACCEPTED', label: '已立案', hint: '等待派遣员派遣' },
  { status: 'DISPATCHED', label: '已派遣', hint: '等待部门报到、处置' },
  { status: 'IN_PROGRESS', label: '处置中', hint: '部门正在处置' },
  { status: 'VERIFYING', label: '待核查', hint: '等待监督员核查' },
  { status: 'SUSPENDED', label: '挂账', hint: '暂不能处置，时限停止' },
];

export const OPEN_STATUSES: readonly CaseStatus[] = COLUMNS.map((c) => c.status);

export const isOpen = (status: CaseStatus) => OPEN_STATUSES.includes(status);

export const URGENCY_LABELS: Record<Urgency, string> = { A: '紧急', B: '一般', C: '轻微' };
