// The pieces every list page of the console is built from: the toolbar above the table, its
// search boxes and filter selects (each bound to one filter of the list), and the table itself
// with the list's error, loading state and paging.
import {
  Flex,
  Input,
  Select,
  Space,
  Table,
  Typography,
  type FlexProps,
  type SelectProps,
  type TableColumnType,
  type TableProps,
} from 'antd';
import type { SearchProps } from 'antd/es/input/Search';
import type { CSSProperties, ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { ApiErrorAlert } from './ApiErrorAlert.tsx';

/** A list whose filters a control reads and sets (usePagedQuery). */
interface Filterable<F> {
  filters: F;
  setFilter: <K extends keyof F>(key: K, value: F[K]) => void;
}

type StringKeys<F> = { [K in keyof F]-?: undefined extends F[K] ? (string extends NonNullable<F[K]> ? K : never) : never }[keyof F];

/**
 * The toolbar above a list: the filters, and — when given — the actions at the right end
 * (create, import, export).
 */
export function ListToolbar({ children, actions, justify }: { children: ReactNode; actions?: ReactNode; justify?: FlexProps['justify'] }) {
  if (actions === undefined)
    return (
      <Flex gap={12} wrap style={{ marginBottom: 16 }} justify={justify}>
        {children}
      </Flex>
    );
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} justify="space-between">
      <Space wrap>{children}</Space>
      <Space>{actions}</Space>
    </Flex>
  );
}

/** A search box that sets one filter of the list: trimmed, an empty search clears it. */
export function FilterSearch<F>({
  list,
  name,
  testId,
  enterButton = '查询',
  ...props
}: { list: Filterable<F>; name: StringKeys<F>; testId: string } & Pick<
  SearchProps,
  'placeholder' | 'maxLength' | 'style' | 'enterButton'
>) {
  return (
    <Input.Search
      data-testid={testId}
      allowClear
      enterButton={enterButton}
      onSearch={(value) => list.setFilter(name, (value.trim() || undefined) as F[typeof name])}
      {...props}
    />
  );
}

/** A clearable select that sets one filter of the list. */
export function FilterSelect<F>({
  list,
  name,
  testId,
  width,
  ...props
}: { list: Filterable<F>; name: StringKeys<F>; testId: string; width: number } & Pick<
  SelectProps<string>,
  'placeholder' | 'options' | 'showSearch'
>) {
  return (
    <Select<string>
      data-testid={testId}
      allowClear
      style={{ width }}
      value={list.filters[name] as string | undefined}
      onChange={(v?: string) => list.setFilter(name, v as F[typeof name])}
      {...props}
    />
  );
}

/** What a list table shows: the rows, or the error with a retry, and the paging if the list pages. */
interface ListState<T> {
  data: { items: T[] } | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  pagination?: TableProps<T>['pagination'];
}

/** A list's table (middle size unless told), with the list's error above it and its paging below. */
export function ListTable<T extends object>({
  list,
  testId,
  style,
  size = 'middle',
  ...props
}: { list: ListState<T>; testId: string; style?: CSSProperties; size?: 'middle' | 'small' } & Omit<
  TableProps<T>,
  'dataSource' | 'loading' | 'size'
>) {
  return (
    <>
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<T>
        data-testid={testId}
        size={size}
        dataSource={list.data?.items}
        loading={list.loading}
        pagination={list.pagination ?? false}
        style={style}
        {...props}
      />
    </>
  );
}

/** One filter of a list's toolbar, written as data: a search box or a select, bound to one filter. */
export type FilterControl<F> =
  | ({ search: StringKeys<F>; testId: string } & Pick<SearchProps, 'placeholder' | 'maxLength' | 'style' | 'enterButton'>)
  | ({ select: StringKeys<F>; testId: string; width: number } & Pick<SelectProps<string>, 'placeholder' | 'options' | 'showSearch'>);

/** The toolbar's filters, in the order given. */
export function ListFilters<F>({ list, controls }: { list: Filterable<F>; controls: FilterControl<F>[] }) {
  return controls.map((c) => {
    if ('search' in c) {
      const { search, ...props } = c;
      return <FilterSearch key={c.testId} list={list} name={search} {...props} />;
    }
    const { select, ...props } = c;
    return <FilterSelect key={c.testId} list={list} name={select} {...props} />;
  });
}

/**
 * A directory's list (名录库 tabs): the filters and the actions above a server-paged table; the
 * empty table says whether nothing matches the filters or the directory holds nothing yet.
 */
export function FilteredList<T extends object, F>({
  list,
  filters,
  toolbarExtra,
  actions,
  emptyText,
  ...tableProps
}: {
  list: ListState<T> & Filterable<F>;
  filters: FilterControl<F>[];
  /** Beside the filters (when there are no actions at the right end). */
  toolbarExtra?: ReactNode;
  actions?: ReactNode;
  emptyText: { unmatched: string; none: string };
  testId: string;
} & Omit<TableProps<T>, 'dataSource' | 'loading' | 'size' | 'locale'>) {
  const filtered = Object.values(list.filters as object).some((v) => v !== undefined);
  return (
    <>
      <ListToolbar actions={actions}>
        <ListFilters list={list} controls={filters} />
        {toolbarExtra}
      </ListToolbar>
      <ListTable<T> list={list} locale={{ emptyText: filtered ? emptyText.unmatched : emptyText.none }} {...tableProps} />
    </>
  );
}

/** The 操作 column at a table's right end (kept in view when the table scrolls sideways). */
export function actionsColumn<T>(width: number, render: (row: T) => ReactNode): TableColumnType<T> {
  return { title: '操作', key: 'actions', width, fixed: 'right', render: (_: unknown, row: T) => render(row) };
}

/** A column whose cell holds two lines: the main text above, a grey note below when there is one
 *  (企业 and its code, a task's plan and its unit, a plan and its 文号). */
export function twoLineColumn<T>(
  title: string,
  key: string,
  width: number | undefined,
  main: (row: T) => ReactNode,
  note: (row: T) => ReactNode,
): TableColumnType<T> {
  return {
    title,
    key,
    width,
    render: (_: unknown, row: T) => (
      <Flex vertical>
        {main(row)}
        {noteOf(note(row))}
      </Flex>
    ),
  };
}

function noteOf(note: ReactNode): ReactNode {
  return note === null || note === undefined || note === '' ? null : <Typography.Text type="secondary">{note}</Typography.Text>;
}
