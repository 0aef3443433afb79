/**
 * The commonest messages of the libraries the server runs (graphql-js's parser and validation,
 * graphql-armor's limits, graphql-js's input coercion) in Chinese, by pattern. Anything else
 * they say stays English. `{name}` placeholders as in zh.ts.
 */
export const zhLibraryMessages: Record<string, string> = {
  // Parser (GRAPHQL_PARSE_FAILED).
  'Syntax Error: {detail}': '语法错误：{detail}',
  'Expected {expected}, found {found}.': '此处应为 {expected}，实际为 {found}。',
  'Unexpected {token}.': '意外的 {token}。',
  'Unterminated string.': '字符串未结束。',
  'Document contains more that {n} tokens. Parsing aborted.':
    '文档超过 {n} 个词法单元，已停止解析。',
  // graphql-armor limits, reported as syntax errors.
  'Query depth limit of {n} exceeded, found {found}.': '查询深度超过上限 {n}，实际为 {found}。',
  'Aliases limit of {n} exceeded, found {found}.': '别名数量超过上限 {n}，实际为 {found}。',
  'Directives limit of {n} exceeded, found {found}.': '指令数量超过上限 {n}，实际为 {found}。',
  'Token limit of {n} exceeded.': '词法单元数量超过上限 {n}。',
  // Validation (GRAPHQL_VALIDATION_FAILED).
  'Cannot query field "{field}" on type "{type}".': '类型 "{type}" 上没有字段 "{field}"。',
  'Cannot query field "{field}" on type "{type}". Did you mean {suggestions}?':
    '类型 "{type}" 上没有字段 "{field}"。您是否要查询 {suggestions}？',
  'Unknown argument "{argument}" on field "{field}".': '字段 "{field}" 没有参数 "{argument}"。',
  'Unknown argument "{argument}" on field "{field}". Did you mean {suggestions}?':
    '字段 "{field}" 没有参数 "{argument}"。您是否要使用 {suggestions}？',
  'Unknown type "{type}".': '未知的类型 "{type}"。',
  'Unknown type "{type}". Did you mean {suggestions}?':
    '未知的类型 "{type}"。您是否要使用 {suggestions}？',
  'Field "{field}" argument "{argument}" of type "{type}" is required, but it was not provided.':
    '字段 "{field}" 的参数 "{argument}"（类型 "{type}"）为必填，但未提供。',
  'Field "{field}" of type "{type}" must have a selection of subfields. Did you mean "{hint}"?':
    '类型为 "{type}" 的字段 "{field}" 须选择子字段。您是否要写成 "{hint}"？',
  'Field "{field}" must not have a selection since type "{type}" has no subfields.':
    '字段 "{field}" 的类型 "{type}" 没有子字段，不能再选择子字段。',
  'Variable "${name}" is not defined.': '变量 "${name}" 未定义。',
  'Variable "${name}" is not defined by operation "{operation}".':
    '操作 "{operation}" 未定义变量 "${name}"。',
  'Variable "${name}" is never used.': '变量 "${name}" 未被使用。',
  'Variable "${name}" is never used in operation "{operation}".':
    '操作 "{operation}" 中未使用变量 "${name}"。',
  'Variable "${name}" of type "{type}" used in position expecting type "{expected}".':
    '类型为 "{type}" 的变量 "${name}" 被用在需要类型 "{expected}" 的位置。',
  // Variables' values (BAD_USER_INPUT).
  'Variable "${name}" of required type "{type}" was not provided.':
    '未提供必填变量 "${name}"（类型 "{type}"）。',
  'Variable "${name}" of non-null type "{type}" must not be null.':
    '变量 "${name}"（类型 "{type}"）不能为 null。',
  'Variable "${name}" got invalid value {value}; {reason}':
    '变量 "${name}" 的值 {value} 无效：{reason}',
  'Variable "${name}" got invalid value {value} at "{path}"; {reason}':
    '变量 "${name}" 在 "{path}" 处的值 {value} 无效：{reason}',
  'Expected value of type "{type}", found {value}.': '应为 "{type}" 类型的值，实际为 {value}。',
  'Expected value of type "{type}", found {value}; {reason}':
    '应为 "{type}" 类型的值，实际为 {value}：{reason}',
  'Field "{field}" of required type "{type}" was not provided.':
    '未提供必填字段 "{field}"（类型 "{type}"）。',
  'Field "{field}" is not defined by type "{type}".': '类型 "{type}" 没有定义字段 "{field}"。',
  'Field "{field}" is not defined by type "{type}". Did you mean {suggestions}?':
    '类型 "{type}" 没有定义字段 "{field}"。您是否要使用 {suggestions}？',
  'Int cannot represent non-integer value: {value}': 'Int 类型不能表示非整数值：{value}',
  'Int cannot represent non 32-bit signed integer value: {value}':
    'Int 类型不能表示超出 32 位有符号整数范围的值：{value}',
  'String cannot represent a non string value: {value}': 'String 类型不能表示非字符串值：{value}',
  'Boolean cannot represent a non boolean value: {value}': 'Boolean 类型不能表示非布尔值：{value}',
  'ID cannot represent value: {value}': 'ID 类型不能表示该值：{value}',
  'Float cannot represent non numeric value: {value}': 'Float 类型不能表示非数值：{value}',
  'Value "{value}" does not exist in "{type}" enum.': '枚举 "{type}" 中没有值 "{value}"。',
  'Value "{value}" does not exist in "{type}" enum. Did you mean the enum value {suggestions}?':
    '枚举 "{type}" 中没有值 "{value}"。您是否要使用枚举值 {suggestions}？',
};
