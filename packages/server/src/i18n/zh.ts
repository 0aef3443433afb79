/**
 * The server's messages in Chinese (简体中文), by their English template: `{name}` is a
 * placeholder filled from the English message (its value translated again by `zhTerms` when it
 * is a known word). test/i18n/catalogue.test.ts holds this catalogue to every message the
 * source can produce: a new message without an entry here, or an entry no longer used, fails it.
 */
export const zhMessages: Record<string, string> = {
  '"after" is not a cursor of the event stream: pass the `cursor` of an event you received.':
    '"after" 不是事件流的游标：请传入已收到事件的 `cursor`。',
  '"filter.actions" holds a name that is no action, such as user.updated.':
    '"filter.actions" 含有不是操作名称的值，操作名称形如 user.updated。',
  '"filter.actorId" is not the ID of a User or an ApiKey.':
    '"filter.actorId" 不是用户（User）或 API 密钥（ApiKey）的 ID。',
  '"filter.actorKind" contradicts "filter.actorId" (a {typeName}).':
    '"filter.actorKind" 与 "filter.actorId"（{typeName}）不一致。',
  '"filter.eventId" is not an event id (digits).': '"filter.eventId" 不是事件 ID（应为数字）。',
  '"filter.from" must not be after "filter.to".': '"filter.from" 不得晚于 "filter.to"。',
  '"filter.gridId" is not a grid you can read.': '"filter.gridId" 不是您有权查看的网格。',
  '"filter.occurredTo" must be later than "filter.occurredFrom".':
    '"filter.occurredTo" 须晚于 "filter.occurredFrom"。',
  '"filter.search" is at most 100 characters.': '"filter.search" 最多 100 个字符。',
  '"filter.search" is empty.': '"filter.search" 不能为空。',
  '"filter.subjectId" is not the ID of an object.': '"filter.subjectId" 不是任何对象的 ID。',
  '"filter.{what}From" must not be after "filter.{what2}To".':
    '"filter.{what}From" 不得晚于 "filter.{what2}To"。',
  '"ids" takes at most {MAX_NODES} IDs; got {length}.':
    '"ids" 最多接受 {MAX_NODES} 个 ID，实际传入 {length} 个。',
  '"location" is a point: lat between -90 and 90, lng between -180 and 180.':
    '"location" 须为一个坐标点：lat 在 -90 至 90 之间，lng 在 -180 至 180 之间。',
  '"meters" is between 1 and 5000.': '"meters" 须在 1 至 5000 之间。',
  '"occurredTo" must be later than "occurredFrom".': '"occurredTo" 须晚于 "occurredFrom"。',
  '"period" needs valid times.': '"period" 须为有效的时间。',
  '"period" spans at most {MAX_PERIOD_DAYS} days; ask for a shorter one.':
    '"period" 最长 {MAX_PERIOD_DAYS} 天，请缩短时间范围。',
  '"period.to" must be after "period.from".': '"period.to" 须晚于 "period.from"。',
  '"to" is before "from".': '"to" 早于 "from"。',
  '"to" is more than ten years after "from".': '"to" 与 "from" 相隔超过十年。',
  '"types" is empty: leave it out to receive every type.':
    '"types" 为空：如需接收全部类型，请不传此参数。',
  '"types.{i}" ({JSON}) is not an event type: name one of docs/events.md, or an area with ".*" (e.g. "case.*").':
    '"types.{i}"（{JSON}）不是事件类型：请填写 docs/events.md 中列出的类型，或以 ".*" 结尾的领域（如 "case.*"）。',
  '"workMinutes" is 0 to {MAX_WORK_MINUTES}.': '"workMinutes" 须在 0 至 {MAX_WORK_MINUTES} 之间。',
  '"{argument}" is not the ID of {typeName}.': '"{argument}" 不是{typeName}的 ID。',
  '"{argument}" is outside the years 2000 to 2100.': '"{argument}" 超出 2000 至 2100 年的范围。',
  '"{arg}" is not a cursor returned by this connection in this order.':
    '"{arg}" 不是此列表按当前排序返回的游标。',
  '"{arg}" must be between 0 and {MAX_PAGE_SIZE}; got {value}.':
    '"{arg}" 须在 0 至 {MAX_PAGE_SIZE} 之间，实际为 {value}。',
  '"{gid}" is not a valid ID.': '"{gid}" 不是有效的 ID。',
  '"{plugin}" is already enabled in this street; change its configuration with configurePlugin.':
    '"{plugin}" 已在本街道启用；如需修改配置，请使用 configurePlugin。',
  '"{plugin}" is not enabled in this street.': '"{plugin}" 未在本街道启用。',
  '"{plugin}" is not enabled in this street: enable it with its configuration.':
    '"{plugin}" 未在本街道启用：请连同其配置一并启用。',
  'A brand cannot move under itself or one of its own sub-brands.':
    '品牌不能移至其自身或其下级品牌之下。',
  'A building grid has no child grids.': '楼栋网格下不能再设子网格。',
  'A building lead (楼栋长) is assigned to a building grid.': '楼栋长只能配备到楼栋网格。',
  'A case cannot be merged into itself.': '案件不能合并到其自身。',
  'A case duty is named twice.': '案件职责重复填写。',
  'A case of this street already has this external reference.': '本街道已有案件使用此外部编号。',
  'A case that is {status} cannot be {action}. Allowed now: {allowed}.':
    '处于 {status} 状态的案件不能执行“{action}”。当前可执行：{allowed}。',
  'A case that is {status} cannot be {action}. You may take no action on it now.':
    '处于 {status} 状态的案件不能执行“{action}”。您当前不能对其执行任何操作。',
  "A category code is 4 or 6 digits or capital letters, beginning with its major's 2.":
    '类别代码为 4 位或 6 位数字或大写字母，且以所属大类的 2 位代码开头。',
  'A checksum is sha256: and 64 lower-case hex digits.':
    '校验值格式为 sha256: 加 64 位小写十六进制数字。',
  "A child grid's code is its parent's code ({code}) and 3 more digits.":
    '子网格代码为上级网格代码（{code}）再加 3 位数字。',
  'A comment is at most 500 characters.': '评价最多 500 个字符。',
  'A correction changes at least one of servedOn, hours, peopleServed, description or place.':
    '更正须至少修改 servedOn、hours、peopleServed、description、place 中的一项。',
  'A database statement ran longer than its time limit and was cancelled. Ask for less: smaller pages or fewer nested connections.':
    '数据库语句执行超时，已被取消。请减少查询量：缩小分页或减少嵌套的列表。',
  'A department is named twice.': '部门重复填写。',
  "A department's staff see their own department's statistics.":
    '部门工作人员只能查看本部门的统计。',
  'A grid with the code {code} already exists.': '代码为 {code} 的网格已存在。',
  'A grid worker reports cases in the grids they serve.': '网格员只能在其负责的网格内上报案件。',
  'A major class (大类) has no rules; revise its minor categories.':
    '大类本身没有规则，请修改其下的小类。',
  'A newer reset token replaced this one; use the newest.':
    '此重置令牌已被更新的令牌取代，请使用最新的令牌。',
  'A note is at most 2000 characters.': '备注最多 2000 个字符。',
  'A party organization is led by a secretary (书记) and deputy secretaries, not directors.':
    '党组织由书记和副书记领导，不设主任。',
  'A primary brand (一社一品) belongs to a community; {name} is not a community.':
    '主品牌（一社一品）须属于社区；{name} 不是社区。',
  'A resident reports cases with source RESIDENT.': '居民上报案件的来源须为 RESIDENT。',
  'A ring has at least 4 positions.': '多边形的环至少须有 4 个坐标点。',
  'A ring must end where it starts.': '多边形的环须首尾闭合。',
  'A service code is lower-case letters, digits, dots and dashes (Open311).':
    '服务代码只能由小写字母、数字、点和短横线组成（Open311）。',
  'A skill is at most 30 characters.': '每项技能最多 30 个字符。',
  'A skill must not be empty.': '技能不能为空。',
  'A street code starts with the code of its district.': '街道代码须以所属区县的代码开头。',
  'A street with the code {code} already exists.': '代码为 {code} 的街道已存在。',
  "A street-level grid has the street's code ({code}); give parentId for a lower grid.":
    '街道级网格的代码即街道代码（{code}）；如需创建下级网格，请填写 parentId。',
  'A volunteer team named {teamName} already exists in this street.':
    '本街道已有名为 {teamName} 的志愿服务队。',
  'A {role} holds no case duties.': '{role} 不承担案件职责。',
  'A {role} user needs {what}.': '{role} 用户须填写 {what}。',
  'A {who} may not {action} in this street.': '{who}不能在本街道{action}。',
  'A {who} may not {action}.': '{who}不能{action}。',
  'Acknowledge (报到) the case before asking for more time.': '请先对案件报到，再申请延期。',
  'An API key needs the case:read scope to read case statistics.':
    'API 密钥须具有 case:read 权限范围才能查看案件统计。',
  'An API key needs the case:write scope to report cases.':
    'API 密钥须具有 case:write 权限范围才能上报案件。',
  'An API key needs the {area}:write scope to {action}.':
    'API 密钥须具有 {area}:write 权限范围才能{action}。',
  'An ID is a string of digits.': 'ID 须为一串数字。',
  'An activity is run under a brand, an organization or a grid: give at least one of brandId, organizationId and gridId.':
    '活动须依托品牌、组织或网格开展：请至少填写 brandId、organizationId、gridId 中的一项。',
  'An attachment is at least 1 byte.': '附件至少 1 字节。',
  'An attachment is at most 100 MiB.': '附件最大 100 MiB。',
  'An attachment name is at most 200 characters.': '附件名称最多 200 个字符。',
  'An attachment size is a whole number of bytes.': '附件大小须为整数字节。',
  'An attachment type is a MIME type such as image/jpeg.':
    '附件类型须为 MIME 类型，如 image/jpeg。',
  'An idempotency key is 1 to 100 characters.': '幂等键须为 1 至 100 个字符。',
  'An integration reports cases with source INTEGRATION.':
    '系统对接上报案件的来源须为 INTEGRATION。',
  'An organization cannot move under itself or one of its own descendants.':
    '组织不能移至其自身或其下级组织之下。',
  'An organization covers at most {MAX_ORGANIZATION_GRIDS} grids; got {length}.':
    '一个组织最多覆盖 {MAX_ORGANIZATION_GRIDS} 个网格，实际为 {length} 个。',
  'Another account is linked to this identity.': '此身份已关联其他账号。',
  'Another organization of this street has the code {code}.': '本街道已有其他组织使用代码 {code}。',
  'Argument "{path}" of "{field}" {problem}': '"{field}" 的参数 "{path}" {problem}',
  'Ask for a whole number of work minutes.': '请以整数分钟（工作时间）申请。',
  'Ask for at least 1 work minute.': '申请时长至少 1 个工作分钟。',
  'Ask for at most 60 work days.': '申请时长最多 60 个工作日。',
  'Ask for at most {MAX_SPAN_DAYS} days at once.': '一次最多查询 {MAX_SPAN_DAYS} 天。',
  'At most 100 characters.': '最多 100 个字符。',
  'At most 20 attachments.': '最多 20 个附件。',
  'At most 20 departments.': '最多 20 个部门。',
  'At most 20 skills.': '最多 20 项技能。',
  'At most 2000 characters.': '最多 2000 个字符。',
  'At most 500 characters.': '最多 500 个字符。',
  'At most {MAX_PARTICIPANTS_PER_CALL} participants can be added in one call.':
    '每次最多添加 {MAX_PARTICIPANTS_PER_CALL} 名参与人。',
  'At most {maxOperationsPerSocket} operations may run at once on one connection; wait for one to finish.':
    '每个连接最多同时执行 {maxOperationsPerSocket} 个操作，请等待其中一个完成。',
  'At most {max} characters.': '最多 {max} 个字符。',
  'Birth year is 1900 or later.': '出生年份须为 1900 年或以后。',
  'Birth year is not in the future.': '出生年份不能晚于今年。',
  'Capacity is a whole number.': '名额须为整数。',
  'Capacity is at least 1; leave it out for no limit.': '名额至少为 1；不限名额请不填。',
  'Case duties are {CASE_DUTIES}.': '案件职责只能是 {CASE_DUTIES}。',
  'Case statistics are for staff.': '案件统计仅供工作人员查看。',
  'Cases are dispatched to departments (organizations of kind DEPARTMENT).':
    '案件只能派遣给部门（类型为 DEPARTMENT 的组织）。',
  'Charset "{charset}" is not supported; send UTF-8 {format}.':
    '不支持字符集 "{charset}"，请以 UTF-8 编码发送{format}。',
  'Code is 1–32 letters, digits or dashes.': '代码须为 1–32 个字母、数字或短横线。',
  'Content-Encoding "{encoding}" is not supported; send UTF-8 {format} (optionally gzip, deflate or br).':
    '不支持 Content-Encoding "{encoding}"，请以 UTF-8 编码发送{format}（可使用 gzip、deflate 或 br 压缩）。',
  'Content-Type "{type}" is not supported; send the request as application/json.':
    '不支持 Content-Type "{type}"，请以 application/json 发送请求。',
  'Description is at most 500 characters.': '描述最多 500 个字符。',
  'Dispatch to at least one department.': '请至少派遣给一个部门。',
  'Dispatch to at most 10 departments at once.': '一次最多派遣给 10 个部门。',
  'Display name is at most 100 characters.': '显示名称最多 100 个字符。',
  'Display name is required.': '请填写显示名称。',
  'District code is 6 digits.': '区县代码为 6 位数字。',
  'External identity has at least 3 characters.': '外部身份标识至少 3 个字符。',
  'External identity has at most 300 characters.': '外部身份标识最多 300 个字符。',
  'Give 1 to {MAX_SPAN_DAYS} dates.': '请填写 1 至 {MAX_SPAN_DAYS} 个日期。',
  'Give a password, or an external identity to sign in with.':
    '请设置密码，或填写用于登录的外部身份标识。',
  'Give at least one event type.': '请至少填写一种事件类型。',
  'Give at least one participant.': '请至少填写一名参与人。',
  'Give at least one scope.': '请至少填写一个权限范围。',
  'Give at most 100 event types.': '最多填写 100 种事件类型。',
  'Give both latitude and longitude, or neither.': '经度和纬度须同时填写或同时不填。',
  'Give the receiver URL.': '请填写接收地址（URL）。',
  'Grid code is 9, 12, 15 or 18 digits.': '网格代码为 9、12、15 或 18 位数字。',
  'Hours are at most 24 for one day.': '每天服务时长最多 24 小时。',
  'Hours have at most two decimals, e.g. 1.5 or 2.25.': '时长最多保留两位小数，如 1.5 或 2.25。',
  'Hours must be more than 0.': '时长须大于 0。',
  'ID number is an 18-character resident identity number with a valid check digit.':
    '身份证号须为 18 位且校验码正确的居民身份证号码。',
  'Integrations use API keys, not users.': '系统对接须使用 API 密钥，不能使用用户账号。',
  'Internal server error.': '服务器内部错误。',
  'Internal server error (error id {errorId}).': '服务器内部错误（错误编号 {errorId}）。',
  'Keep the previous secret from 0 to 168 hours (a week).':
    '旧密钥保留时长须为 0 至 168 小时（一周）。',
  'Latitude is between -90 and 90.': '纬度须在 -90 至 90 之间。',
  'Longitude is between -180 and 180.': '经度须在 -180 至 180 之间。',
  'Merge into an open case: this one is {status}.':
    '只能合并到未办结的案件：该案件状态为 {status}。',
  'Must be a whole number.': '须为整数。',
  'Must not be negative.': '不能为负数。',
  'Name is at most 100 characters.': '名称最多 100 个字符。',
  'Name is at most 50 characters.': '名称最多 50 个字符。',
  'Name is required.': '请填写名称。',
  'No API key has this ID.': '没有此 ID 的 API 密钥。',
  'No Lianxin account is linked to this identity.': '此身份未关联任何连心账号。',
  'No activity with this ID exists in this street.': '本街道没有此 ID 的活动。',
  'No case category has this ID.': '没有此 ID 的案件类别。',
  'No case category with this ID exists in this street.': '本街道没有此 ID 的案件类别。',
  'No case has this ID.': '没有此 ID 的案件。',
  'No case with this ID exists in this street.': '本街道没有此 ID 的案件。',
  'No department with this ID exists in this street.': '本街道没有此 ID 的部门。',
  'No district has the code {districtCode}.': '没有代码为 {districtCode} 的区县。',
  'No district has this ID.': '没有此 ID 的区县。',
  'No due time: {message}.': '无法计算办理期限：{message}。',
  'No grid has this ID.': '没有此 ID 的网格。',
  'No grid of this street has the code {gridCode}.': '本街道没有代码为 {gridCode} 的网格。',
  'No grid with this ID exists in this street.': '本街道没有此 ID 的网格。',
  'No major class (大类) has the code {code}.': '没有代码为 {code} 的大类。',
  'No person with this ID exists in this street.': '本街道没有此 ID 的人员。',
  'No person with this ID lives in this street.': '本街道居民中没有此 ID 的人员。',
  'No plugin "{name}" runs on this server{why}. Running: {running}.':
    '本服务器未运行插件 "{name}"{why}。正在运行：{running}。',
  'No service has the code {code} here; services.json lists them.':
    '此处没有代码为 {code} 的服务；服务列表见 services.json。',
  'No sign-in you may end has this ID.': '没有此 ID 且您有权结束的登录会话。',
  'No staff account with this ID exists in this street.': '本街道没有此 ID 的工作人员账号。',
  'No street has this ID.': '没有此 ID 的街道。',
  'No trusted document has the id "{id}".': '没有 ID 为 "{id}" 的可信文档。',
  'No user you manage has this ID.': '您管理的用户中没有此 ID。',
  'No webhook delivery has this ID.': '没有此 ID 的 Webhook 投递记录。',
  'No {what} has this ID.': '没有此 ID 的{what}。',
  'No {what} with this ID exists in this street.': '本街道没有此 ID 的{what}。',
  'Not listed in this calendar: {missing}.': '不在此日历中：{missing}。',
  'Not the ID of {typeName}.': '不是{typeName}的 ID。',
  'Not found. The GraphQL endpoint is /graphql.': '未找到。GraphQL 接口地址为 /graphql。',
  'Nothing to change: every value given is the current one.': '无需修改：所填的值均与当前值相同。',
  'Only administrators may {action}.': '只有管理员才能{action}。',
  'Only administrators of the street may manage its API keys.':
    '只有本街道的管理员才能管理其 API 密钥。',
  'Only in-service party members (在职党员) register with a community; {name} is a party member of another kind.':
    '只有在职党员才能到社区报到；{name} 属于其他类别的党员。',
  'Only in-service party members (在职党员) register with a community; {name} is not a party member.':
    '只有在职党员才能到社区报到；{name} 不是党员。',
  'Only party members (党员) hold the role {role} in a party organization.':
    '只有党员才能在党组织中担任 {role}。',
  "Only platform administrators (or the district's administrators) may {action}.":
    '只有平台管理员（或本区县管理员）才能{action}。',
  "Only platform administrators may {action} of the platform's catalog.":
    '只有平台管理员才能{action}（平台目录中的类别）。',
  'Only signed-in users have sessions to end.': '只有已登录的用户才有可结束的会话。',
  "Only the account's user and its administrators may see its sign-ins.":
    '只有账号本人及其管理员才能查看其登录记录。',
  "Only the street's administrators (street, district or platform) may manage its webhooks.":
    '只有本街道的管理员（街道、区县或平台管理员）才能管理其 Webhook。',
  'Only {by} may {action} this case.': '只有{by}才能对此案件执行“{action}”。',
  'Pass either "first" or "last", not both.': '"first" 和 "last" 只能传其中一个。',
  'Password has at least {PASSWORD_MIN_LENGTH} characters.':
    '密码至少 {PASSWORD_MIN_LENGTH} 个字符。',
  'Password has at most {PASSWORD_MAX_LENGTH} characters.':
    '密码最多 {PASSWORD_MAX_LENGTH} 个字符。',
  'Password is one of the most common passwords (found in breaches); choose another.':
    '该密码属于最常见的密码（曾在泄露事件中出现），请另选一个。',
  'Password must not contain the username.': '密码不能包含用户名。',
  'Password uses at least 4 different characters.': '密码至少须包含 4 个不同的字符。',
  'People served is a whole number.': '服务人数须为整数。',
  'People served is at most 100000.': '服务人数最多 100000。',
  'People served must not be negative.': '服务人数不能为负数。',
  'Phone is 7–20 digits and dashes, optionally starting with +, e.g. 0934-8212345.':
    '电话须为 7–20 位数字和短横线，可以 + 开头，如 0934-8212345。',
  'Phone is an 11-digit mobile number or a landline like 0934-1234567.':
    '电话须为 11 位手机号码或固定电话（如 0934-1234567）。',
  'Rate limited: this {what} costs {requested} points and you have {currentlyAvailable} left. Try again in {retryAfterSeconds} s.':
    '请求过于频繁：此{what}需消耗 {requested} 点，您当前剩余 {currentlyAvailable} 点。请 {retryAfterSeconds} 秒后重试。',
  'Say what is still wrong when a verification fails.': '核查不通过时，请说明仍存在的问题。',
  'Say what was done.': '请说明处置情况。',
  'Scopes are among: {scopes}.': '权限范围只能是：{scopes}。',
  'Sign in as a user to change your password.': '请以用户身份登录后再修改密码。',
  'Sign in to follow the event stream.': '请登录后再订阅事件流。',
  'Sign in to manage API keys.': '请登录后再管理 API 密钥。',
  'Sign in to manage webhooks.': '请登录后再管理 Webhook。',
  'Sign in to report a case.': '请登录后再上报案件。',
  'Sign in to see case statistics.': '请登录后再查看案件统计。',
  'Sign in to see your work queue.': '请登录后再查看您的待办事项。',
  'Sign in to use the plugin "{name}".': '请登录后再使用插件 "{name}"。',
  'Sign in to {action}.': '请登录后再{action}。',
  'Source INTEGRATION is for API keys.': '来源 INTEGRATION 仅供 API 密钥使用。',
  'Start work on the case (START) before resolving it.': '请先开始办理案件（START），再提交办结。',
  'Street code is 9 digits: the 6-digit district code and 3 more.':
    '街道代码为 9 位数字：6 位区县代码加 3 位数字。',
  'Subscriptions are served over WebSocket: connect to /graphql with the graphql-ws protocol (graphql-transport-ws).':
    '订阅通过 WebSocket 提供：请使用 graphql-ws 协议（graphql-transport-ws）连接 /graphql。',
  'Subscriptions run over WebSocket: connect to /graphql with the graphql-ws protocol.':
    '订阅通过 WebSocket 运行：请使用 graphql-ws 协议连接 /graphql。',
  'The API key is malformed.': 'API 密钥格式不正确。',
  'The API key is not valid.': 'API 密钥无效。',
  'The Authorization header must be "Bearer <token>".':
    'Authorization 请求头须为 "Bearer <token>"。',
  'The access token is not valid.': '访问令牌无效。',
  'The account is disabled.': '该账号已停用。',
  'The account of this token no longer exists.': '此令牌对应的账号已不存在。',
  'The activity cannot end before it starts ({startsAt}).':
    '活动结束时间不能早于开始时间（{startsAt}）。',
  'The activity is archived.': '该活动已归档。',
  'The assignment started on {startedOn}.': '该任职开始于 {startedOn}。',
  'The bearer token is not valid.': '持有者令牌（Bearer）无效。',
  'The case changed since you read it: it is at version {version}, you sent {version2}. Read it again and retry.':
    '案件在您读取后已发生变化：当前版本为 {version}，您提交的是 {version2}。请重新读取后再试。',
  'The case has this owner already.': '该案件的负责人已是此人。',
  'The case is dispatched to this department already.': '该案件已派遣给此部门。',
  'The case is in this category already.': '该案件已属于此类别。',
  'The category is archived already.': '该类别已归档。',
  'The category {name} is archived.': '类别 {name} 已归档。',
  'The client closed the request before it was answered.': '客户端在请求得到答复前关闭了请求。',
  'The code {code} is taken in this street.': '代码 {code} 在本街道已被占用。',
  'The code {code} is taken.': '代码 {code} 已被占用。',
  'The credential is no longer accepted; sign in again.': '凭据已失效，请重新登录。',
  'The current password is wrong.': '当前密码不正确。',
  'The date is not in the future.': '日期不能晚于今天。',
  'The date must not be in the future.': '日期不能晚于今天。',
  'The default value of variable "{path}" {problem}': '变量 "{path}" 的默认值{problem}',
  'The department is archived.': '该部门已归档。',
  'The document could not be parsed.': '无法解析查询文档。',
  'The document has no operation named "{name}".': '查询文档中没有名为 "{name}" 的操作。',
  'The document has several operations: name the one to run in "operationName".':
    '查询文档包含多个操作：请在 "operationName" 中指明要执行的操作。',
  'The endpoint is disabled: enable it before sending it events again.':
    '该接收端已停用：请先启用，再向其发送事件。',
  'The expiry must be in the future.': '过期时间须晚于当前时间。',
  'The founding date is not in the future.': '成立日期不能晚于今天。',
  'The grid is archived.': '该网格已归档。',
  'The grid {code} is archived.': '网格 {code} 已归档。',
  'The identity provider could not be reached; try again.': '无法连接身份认证服务，请重试。',
  'The identity token has no subject.': '身份令牌缺少主体（subject）。',
  'The membership started on {startedOn}.': '该成员关系开始于 {startedOn}。',
  'The new password must differ from the current one.': '新密码不能与当前密码相同。',
  'The organization is archived.': '该组织已归档。',
  'The parent brand is archived.': '上级品牌已归档。',
  'The parent grid is archived.': '上级网格已归档。',
  'The parent organization is archived.': '上级组织已归档。',
  'The person is archived.': '该人员已归档。',
  'The plugin "{name}" could not check this {action} (its guard {name2} failed); the case was not changed. Try again later.':
    '插件 "{name}" 无法核验此操作（{action}）（其校验 {name2} 出错）；案件未作更改。请稍后重试。',
  'The plugin "{name}" did not finish {what} within its limit of {timeoutMs} ms; nothing it did there was kept.':
    '插件 "{name}" 未能在 {timeoutMs} 毫秒的时限内完成{what}；其所做的更改均未保留。',
  'The plugin "{name}" failed to answer (error {errorId}); the rest of the response is unaffected.':
    '插件 "{name}" 未能作答（错误编号 {errorId}）；响应的其余部分不受影响。',
  'The plugin "{plugin}" is not enabled {where}. A street administrator enables it with enablePlugin.':
    '插件 "{plugin}" 未{where}启用。街道管理员可通过 enablePlugin 启用。',
  'The post has {claimed} active claims; release some before lowering the capacity to {capacity}.':
    '该岗位当前有 {claimed} 个有效认领；请先释放部分认领，再将名额降至 {capacity}。',
  'The post was claimed on {claimedOn}.': '该岗位于 {claimedOn} 被认领。',
  'The registration began on {registeredOn}.': '该报到开始于 {registeredOn}。',
  'The request body could not be decoded: {message}.': '无法解码请求体：{message}。',
  'The request body is larger than the limit of {text}.': '请求体超过了 {text} 的上限。',
  'The request body is longer than its Content-Length.': '请求体长度超过其 Content-Length。',
  'The request body is not valid JSON: {message}.': '请求体不是有效的 JSON：{message}。',
  'The request body is shorter than its Content-Length.': '请求体长度不足其 Content-Length。',
  'The request body must be a JSON object ({what}).': '请求体须为 JSON 对象（{what}）。',
  'The request has no Content-Type; send it as application/json.':
    '请求缺少 Content-Type，请以 application/json 发送。',
  'The request ran longer than its limit of {limitMs} ms and was stopped. Ask for less: smaller pages or fewer nested connections.':
    '请求执行超过 {limitMs} 毫秒的时限，已被中止。请减少查询量：缩小分页或减少嵌套的列表。',
  'The request was aborted before its body was read.': '请求在请求体读取完成前被中止。',
  'The scope names things of different streets: its IDs must be of one street.':
    '权限范围涉及不同街道的对象：其中的 ID 须属于同一街道。',
  'The server is busy; the request waited {timeoutMs} ms without a turn.':
    '服务器繁忙：请求等待 {timeoutMs} 毫秒仍未获得处理。',
  'The server is busy; try again shortly.': '服务器繁忙，请稍后重试。',
  'The service code {serviceCode} is taken in this street.':
    '服务代码 {serviceCode} 在本街道已被占用。',
  'The volunteer did not hold this service post on {servedOn}.':
    '该志愿者在 {servedOn} 未认领此服务岗位。',
  'The {what} has expired; get a new one.': '{what}已过期，请重新获取。',
  'The {what} is archived.': '该{what}已归档。',
  'The {what} is not valid.': '{what}无效。',
  'This API key has been revoked.': '此 API 密钥已被吊销。',
  'This API key has expired.': '此 API 密钥已过期。',
  'This API key is already revoked.': '此 API 密钥已吊销。',
  'This access token has been revoked; sign in again.': '此访问令牌已被吊销，请重新登录。',
  'This account is disabled.': '该账号已停用。',
  'This account is disabled; enable it first.': '该账号已停用，请先启用。',
  'This account signs in through the identity provider and has no password.':
    '该账号通过身份认证服务登录，没有密码。',
  'This assignment has already ended.': '该任职已结束。',
  'This brand has {n} sub-brand(s) in use; archive them first.':
    '该品牌有 {n} 个在用的下级品牌，请先将其归档。',
  'This claim was already released on {releasedOn}.': '该认领已于 {releasedOn} 释放。',
  'This grid has {n} child grid(s) in use; archive them first.':
    '该网格有 {n} 个在用的子网格，请先将其归档。',
  'This idempotency key was used for a different report; use a new key for a new report.':
    '此幂等键已用于另一次上报；新的上报请使用新的幂等键。',
  'This membership has already ended.': '该成员关系已结束。',
  'This organization already has {single}; end that membership first.':
    '该组织已有{single}，请先结束该任职。',
  'This organization has {n} child organization(s) in use; archive or move them first.':
    '该组织有 {n} 个在用的下级组织，请先将其归档或移走。',
  'This person already holds this role in this grid.': '此人已在该网格担任此职务。',
  'This person already holds this role in this organization.': '此人已在该组织担任此职务。',
  'This person already takes part in this activity.': '此人已参加该活动。',
  'This person does not take part in this activity.': '此人未参加该活动。',
  'This person is already a volunteer.': '此人已是志愿者。',
  'This person is listed twice.': '此人被重复列出。',
  'This person was a volunteer before; that record is archived.': '此人曾是志愿者，该记录已归档。',
  'This post has {claimed} active claim(s); release them first.':
    '该岗位有 {claimed} 个有效认领，请先释放。',
  'This post is full: all {capacity} place(s) are claimed.':
    '该岗位已满：{capacity} 个名额均已被认领。',
  'This query would cost {requested} points; a query may cost at most {maxCost}. Ask for smaller pages or fewer nested connections.':
    '此查询需消耗 {requested} 点，单次查询最多 {maxCost} 点。请缩小分页或减少嵌套的列表。',
  'This record was already confirmed at {confirmedAt}.': '该记录已于 {confirmedAt} 确认。',
  'This record was already corrected; correct the newest record of its chain instead.':
    '该记录已被更正，请更正其更正链中最新的记录。',
  'This record was corrected; confirm the newest record of its chain instead.':
    '该记录已被更正，请确认其更正链中最新的记录。',
  'This refresh token has been revoked; sign in again.': '此刷新令牌已被吊销，请重新登录。',
  'This refresh token has expired; sign in again.': '此刷新令牌已过期，请重新登录。',
  'This refresh token is not valid.': '此刷新令牌无效。',
  'This refresh token was already used; its sign-in has been revoked. Sign in again.':
    '此刷新令牌已被使用过，相应的登录已被吊销。请重新登录。',
  'This registration already ended on {endedOn}.': '该报到已于 {endedOn} 结束。',
  'This reset token has expired; ask an administrator for a new one.':
    '此重置令牌已过期，请向管理员申请新的令牌。',
  'This reset token is not valid.': '此重置令牌无效。',
  'This reset token was already used; ask an administrator for a new one.':
    '此重置令牌已被使用，请向管理员申请新的令牌。',
  'This schema has no {operation} operations.': '此 schema 不支持 {operation} 操作。',
  'This server runs no plugins (LIANXIN_PLUGINS is empty).':
    '本服务器未运行任何插件（LIANXIN_PLUGINS 为空）。',
  'This server runs trusted documents only: send a documentId instead of a query.':
    '本服务器只执行可信文档：请发送 documentId，而不是 query。',
  'This server runs trusted documents only: send the text of a trusted document.':
    '本服务器只执行可信文档：请发送可信文档的原文。',
  'This sign-in has already ended.': '该登录会话已结束。',
  'This sign-in has ended; sign in again.': '该登录会话已结束，请重新登录。',
  'This street has no grid yet to file a report under.': '本街道尚未划分网格，无法受理上报。',
  'This street is already archived.': '该街道已归档。',
  'This user is already disabled.': '该用户已停用。',
  'This user is not disabled.': '该用户未停用。',
  'This username is taken.': '该用户名已被占用。',
  'This volunteer has been registered with a community since {registeredOn}; end that registration first.':
    '该志愿者自 {registeredOn} 起已在社区报到，请先结束该报到。',
  'This volunteer has held this post since {claimedOn}.': '该志愿者自 {claimedOn} 起已认领此岗位。',
  'This volunteer is already a member of this team.': '该志愿者已是本队成员。',
  'This volunteer is not a member of this team.': '该志愿者不是本队成员。',
  'This webhook endpoint is already disabled.': '该 Webhook 接收端已停用。',
  'This webhook endpoint is enabled already.': '该 Webhook 接收端已启用。',
  'This {subject} is already archived.': '该{subject}已归档。',
  'This {what} is already archived.': '该{what}已归档。',
  'Title is at most 200 characters.': '标题最多 200 个字符。',
  'Title is required.': '请填写标题。',
  'Too many failed sign-ins for this account; try again in {seconds} s.':
    '该账号登录失败次数过多，请 {seconds} 秒后重试。',
  'Too many failed sign-ins from this address; try again in {seconds} s.':
    '该地址登录失败次数过多，请 {seconds} 秒后重试。',
  'Too many sign-ins at once; try again in 1 s.': '同时登录的请求过多，请 1 秒后重试。',
  'Unknown event type "{type}": give a type that webhookEventTypes lists (e.g. "case.reported"), or "<area>.*" for all of an area\'s (e.g. "case.*").':
    '未知的事件类型 "{type}"：请填写 webhookEventTypes 列出的类型（如 "case.reported"），或以 "<领域>.*" 表示某领域的全部事件（如 "case.*"）。',
  'Username is 3–64 lowercase letters, digits, dots, dashes or underscores.':
    '用户名须为 3–64 个小写字母、数字、点、短横线或下划线。',
  'Value is not a valid LocalDate: {date} (there is no year 0000).':
    '该值不是有效的日期（LocalDate）：{date}（不存在 0000 年）。',
  'Variable "${path}" nests deeper than {MAX_VARIABLE_DEPTH} levels.':
    '变量 "${path}" 的嵌套超过 {MAX_VARIABLE_DEPTH} 层。',
  'Variable "{path}" {problem}': '变量 "{path}" {problem}',
  'Volunteers cannot confirm their own service; another person must confirm it.':
    '志愿者不能确认自己的服务记录，须由他人确认。',
  'Webhooks do not carry the webhook area\'s own events ("{type}").':
    'Webhook 不推送 Webhook 领域自身的事件（"{type}"）。',
  'Wrong username or password.': '用户名或密码错误。',
  'You may not administer your own account.': '您不能管理自己的账号。',
  'You may not administer {role} accounts.': '您不能管理 {role} 账号。',
  'You may not create accounts there.': '您不能在该处创建账号。',
  'You may not create {role} users.': '您不能创建 {role} 用户。',
  'You may not give the role {role}.': '您不能授予 {role} 角色。',
  'You may not move accounts there.': '您不能将账号移至该处。',
  'You may not place accounts in this street.': '您不能在本街道设置账号。',
  'Your department has acknowledged this case already.': '您所在部门已对此案件报到。',
  'Your department has resolved its part already.': '您所在部门已办结其承办部分。',
  'Your department has resolved its part: it needs no more time.':
    '您所在部门已办结其承办部分，无需延期。',
  'Your department has resolved its part; it cannot return the case now.':
    '您所在部门已办结其承办部分，现在不能退回案件。',
  'Your department has started this case already.': '您所在部门已开始办理此案件。',
  '{message} Simplify the query.': '{message} 请简化查询。',
  '{method} is not supported here; use GET or POST.':
    '此处不支持 {method} 方法，请使用 GET 或 POST。',
  '{name} ({code}) is a major class (大类): choose one of its minor categories (小类).':
    '{name}（{code}）是大类：请选择其下的一个小类。',
  '{name} already has a primary brand ({name2}): one community, one brand (一社一品).':
    '{name} 已有主品牌（{name2}）：一社一品。',
  '{name} is not a community (社区); members register with a community.':
    '{name} 不是社区：党员须到社区报到。',
  '{name} must not use `@{value}` in its top level selection: a subscription has exactly one root field.':
    '{name} 的顶层选择中不能使用 `@{value}`：订阅须恰好有一个根字段。',
  '{reason} Allowed now: {allowed}.': '{reason}当前可执行：{allowed}。',
  '{what} cannot sit under {parentKind}; it {allowed}.':
    '{what}不能设在{parentKind}之下；它{allowed}。',
  '{what} is a whole number of work minutes.': '{what}须为整数个工作分钟。',
  '{what} is an http(s) URL.': '{what}须为 http(s) 网址。',
  '{what} is at least 1 work minute.': '{what}至少 1 个工作分钟。',
  '{what} is at most 2000 characters.': '{what}最多 2000 个字符。',
  '{what} is at most a year of work days.': '{what}最多为一年的工作日。',
  '{what} is at most {max} characters.': '{what}最多 {max} 个字符。',
  '{what} is required.': '请填写{what}。',
  '{what} must not shrink from urgency A to C (A ≤ B ≤ C).':
    '{what}从紧急程度 A 到 C 不得递减（A ≤ B ≤ C）。',
  '{what} sits under {parents}; give parentId.': '{what}须设在{parents}之下，请填写 parentId。',
  '{zh} / {en}: {refuse}': '{zh}（{en}）：{refuse}',

  // Open311 GeoReport v2 (graphql/http/open311): parameter names stay as the standard spells them.
  'A database statement ran longer than its time limit.': '数据库语句执行超时。',
  'Authorization: {message}': 'Authorization：{message}',
  'Content-Type {type} is not supported; send application/x-www-form-urlencoded (or application/json).':
    '不支持 Content-Type {type}，请以 application/x-www-form-urlencoded（或 application/json）发送。',
  'Idempotency-Key and idempotency_key differ; send the key once.':
    'Idempotency-Key 与 idempotency_key 不一致，请只发送一次幂等键。',
  'Not found. GeoReport v2 endpoints here: services.json, services/{service_code}.json, requests.json, requests/{service_request_id}.json (or .xml).':
    '未找到。此处的 GeoReport v2 接口有：services.json、services/{service_code}.json、requests.json、requests/{service_request_id}.json（或 .xml）。',
  'Say where the problem is: lat and long, address_string or address_id.':
    '请说明问题所在位置：lat 和 long、address_string 或 address_id。',
  'The path is not valid percent-encoding.': '路径不是有效的百分号编码。',
  'The request body must be a JSON object of GeoReport parameters.':
    '请求体须为由 GeoReport 参数组成的 JSON 对象。',
  'The request has no Content-Type; send application/x-www-form-urlencoded (or application/json).':
    '请求缺少 Content-Type，请以 application/x-www-form-urlencoded（或 application/json）发送。',
  'This credential belongs to no street and may not report.': '此凭据不属于任何街道，不能上报。',
  'This credential may not read service requests: an API key needs the case:read scope.':
    '此凭据无权查看服务请求：API 密钥须具有 case:read 权限范围。',
  'api_key and the Authorization header differ; send the key once.':
    'api_key 与 Authorization 请求头不一致，请只发送一次密钥。',
  'api_key: reporting needs an API key with the case:write scope (api_key, or Authorization: Bearer <key>).':
    'api_key：上报须使用具有 case:write 权限范围的 API 密钥（api_key，或 Authorization: Bearer <key>）。',
  'api_key: service requests are not public here; send an API key with the case:read scope (api_key, or Authorization: Bearer <key>).':
    'api_key：此处的服务请求不公开，请发送具有 case:read 权限范围的 API 密钥（api_key，或 Authorization: Bearer <key>）。',
  'api_key: {message}': 'api_key：{message}',
  'attribute[{name}]: service {code} has no attributes (its definition lists none).':
    'attribute[{name}]：服务 {code} 没有属性（其定义未列出任何属性）。',
  'description is at most 4,000 characters; it has {length}.':
    'description 最多 4000 个字符，实际为 {length} 个。',
  'jurisdiction_id is required: this credential reaches several streets.':
    '须填写 jurisdiction_id：此凭据可访问多个街道。',
  'jurisdiction_id {code} was not found: a jurisdiction is a street, named by its 9-digit code (e.g. 621002001).':
    '未找到 jurisdiction_id {code}：辖区即街道，以其 9 位代码表示（如 621002001）。',
  'jurisdiction_id: this credential may not read the requests of {code} ({name}).':
    'jurisdiction_id：此凭据无权查看 {code}（{name}）的服务请求。',
  'jurisdiction_id: this credential may not report in {code} ({name}).':
    'jurisdiction_id：此凭据无权在 {code}（{name}）上报。',
  'lat is required with long.': '填写 long 时须同时填写 lat。',
  'long is required with lat.': '填写 lat 时须同时填写 long。',
  'service_code is required; services.json lists the services.':
    '须填写 service_code；服务列表见 services.json。',
  'service_code {code} names services of several streets: give jurisdiction_id.':
    'service_code {code} 对应多个街道的服务：请填写 jurisdiction_id。',
  'service_code {code} was not found; services.json lists the services.':
    '未找到 service_code {code}；服务列表见 services.json。',
  'service_code: no service has the code {unknown}; services.json lists them.':
    'service_code：没有代码为 {unknown} 的服务；服务列表见 services.json。',
  'service_request_id {id} was not found.': '未找到 service_request_id {id}。',
  'start_date and end_date may be at most 90 days apart.':
    'start_date 与 end_date 最多相隔 90 天。',
  'start_date is after end_date.': 'start_date 晚于 end_date。',
  'status is open or closed (or both, comma-separated); got {s}.':
    'status 须为 open 或 closed（或两者，以逗号分隔），实际为 {s}。',
  '{method} is not supported here; use {allowed}.': '此处不支持 {method} 方法，请使用 {allowed}。',
  '{name} is given {length} times; give it once.': '{name} 出现了 {length} 次，请只填写一次。',
  '{name} lists {length} values; at most {max}.': '{name} 列出了 {length} 个值，最多 {max} 个。',
  '{name} must be a W3C datetime with a time zone, e.g. 2026-03-01T00:00:00+08:00 or 2026-03-01T00:00:00Z; got {value}.':
    '{name} 须为带时区的 W3C 日期时间，如 2026-03-01T00:00:00+08:00 或 2026-03-01T00:00:00Z，实际为 {value}。',
  '{name} must be a decimal number of degrees (WGS84), e.g. 107.6431; got {value}.':
    '{name} 须为以度表示的十进制数（WGS84），如 107.6431，实际为 {value}。',
  '{name} must be a decimal number of degrees (WGS84), e.g. 35.7097; got {value}.':
    '{name} 须为以度表示的十进制数（WGS84），如 35.7097，实际为 {value}。',
  '{name} must be a string or a number, not an object.': '{name} 须为字符串或数字，不能是对象。',
};

/**
 * Words and phrases that fill placeholders (`No {what} has this ID.`), where the source names
 * them: the test holds every one to an entry. An entry equal to its key stays English on
 * purpose (argument names, codes).
 */
export const zhTerms: Record<string, string> = {
  'A department': '部门',
  Address: '地址',
  'An attachment URL': '附件网址',
  Description: '描述',
  'The English name': '英文名称',
  'The acceptance criteria (立案条件)': '立案条件',
  'The acknowledge limit': '报到时限',
  'The address': '地址',
  'The closure criteria (结案条件)': '结案条件',
  'The description': '描述',
  'The external reference': '外部编号',
  'The intake limit': '受理时限',
  'The media URL': '媒体网址',
  'The name': '名称',
  'The reason': '原因',
  'The resolution': '处置结果',
  'The time limit': '办理时限',
  'The title': '标题',
  'a GraphQL request': 'GraphQL 请求',
  a: 'a',
  'access token': '访问令牌',
  activity: '活动',
  description: 'description',
  lat: 'lat',
  long: 'long',
  status: 'status',
  after: 'after',
  an: 'an',
  'archive case categories': '归档案件类别',
  'archive streets': '归档街道',
  before: 'before',
  brand: '品牌',
  'case category': '案件类别',
  "change a district's work calendar": '修改区县工作日历',
  'change accounts': '修改账号',
  'change case categories': '修改案件类别',
  'change streets': '修改街道',
  closed: 'closed',
  'community registration': '社区报到',
  community: '社区',
  configure: '配置',
  'create streets': '创建街道',
  'create users': '创建用户',
  department: '部门',
  'disable accounts': '停用账号',
  disable: '停用',
  due: 'due',
  'enable accounts': '启用账号',
  enable: '启用',
  'form data': '表单数据',
  from: 'from',
  'grid staff assignment': '网格人员任职',
  grid: '网格',
  'identity token': '身份令牌',
  "in the caller's streets": '在您的街道',
  'in the street of this object': '在此对象所属街道',
  'in this street': '在本街道',
  'list accounts': '查看账号列表',
  'of GeoReport parameters': 'GeoReport 参数',
  'organization member': '组织成员',
  organization: '组织',
  person: '人员',
  query: '查询',
  reported: 'reported',
  request: '请求',
  'reset passwords': '重置密码',
  'service post claim': '服务岗位认领',
  'service post': '服务岗位',
  'service record': '服务记录',
  start: '开始',
  street: '街道',
  to: 'to',
  'volunteer team': '志愿服务队',
  volunteer: '志愿者',
  'webhook endpoint': 'Webhook 接收端',
  // Why a case transition is refused now (case.rules.ts).
  'A postponement is already waiting for a decision.': '已有延期申请正在等待审批。',
  'No postponement is waiting for a decision.': '没有等待审批的延期申请。',
  'The case is at street level already.': '该案件已在街道层级。',
  'The case is rated already.': '该案件已评价。',
  // Kinds of organization (organization.rules.ts).
  'a director (主任)': '主任',
  'a secretary (书记)': '书记',
  'co-building unit (共建单位)': '共建单位',
  'community (社区)': '社区',
  'community joint party committee (社区大党委)': '社区大党委',
  'department (职能部门)': '职能部门',
  'joint committee (大工委)': '大工委',
  "owners' committee (业委会)": '业委会',
  'party branch (党支部)': '党支部',
  'party group (党小组)': '党小组',
  'property manager (物业公司)': '物业公司',
  'social organization (社会组织)': '社会组织',
  'street party working committee (街道党工委)': '街道党工委',
  // Case actions, as verbs and as past participles (case.rules.ts).
  accept: '受理',
  accepted: '受理',
  acknowledge: '报到',
  acknowledged: '报到',
  'ask to postpone': '申请延期',
  cancel: '撤销',
  cancelled: '撤销',
  'decide a postponement of': '审批延期',
  'given a postponement decision': '审批延期',
  dispatch: '派遣',
  dispatched: '派遣',
  escalate: '上报升级',
  escalated: '上报升级',
  merge: '合并',
  merged: '合并',
  postponed: '延期',
  rate: '评价',
  rated: '评价',
  reassign: '改派',
  reassigned: '改派',
  recategorize: '重新分类',
  recategorized: '重新分类',
  reject: '不予受理',
  rejected: '不予受理',
  reopen: '重新办理',
  reopened: '重新办理',
  'resolve on the spot': '当场处置',
  'resolved on the spot': '当场处置',
  resolve: '办结',
  resolved: '办结',
  resume: '恢复办理',
  resumed: '恢复办理',
  return: '退回',
  returned: '退回',
  'start work on': '开始办理',
  started: '开始办理',
  suspend: '挂账',
  suspended: '挂账',
  verify: '核查',
  verified: '核查',
  // What a role may or may not do (`Sign in to {action}.`, `A {who} may not {action}.`).
  'add case categories': '添加案件类别',
  'add organization members': '添加组织成员',
  'add people': '添加人员',
  'archive activities': '归档活动',
  'archive brands': '归档品牌',
  'archive grids': '归档网格',
  'archive organizations': '归档组织',
  'archive people': '归档人员',
  'archive service posts': '归档服务岗位',
  'archive volunteer teams': '归档志愿服务队',
  'archive volunteers': '归档志愿者',
  'assign grid staff': '配备网格人员',
  'change activities': '修改活动',
  'change activity participants': '修改活动参与人',
  'change brands': '修改品牌',
  'change grid staff': '修改网格人员',
  'change grids': '修改网格',
  'change organization grids': '修改组织覆盖的网格',
  'change organization members': '修改组织成员',
  'change organizations': '修改组织',
  'change people': '修改人员',
  'change service posts': '修改服务岗位',
  'change volunteer teams': '修改志愿服务队',
  'change volunteers': '修改志愿者',
  'change webhooks': '修改 Webhook',
  'claim service posts': '认领服务岗位',
  'confirm service records': '确认服务记录',
  'correct service records': '更正服务记录',
  'create activities': '创建活动',
  'create brands': '创建品牌',
  'create grids': '创建网格',
  'create organizations': '创建组织',
  'create service posts': '创建服务岗位',
  'create volunteer teams': '创建志愿服务队',
  'delete webhooks': '删除 Webhook',
  'disable webhooks': '停用 Webhook',
  'enable webhooks': '启用 Webhook',
  'end community registrations': '结束社区报到',
  'move people to this grid': '将人员移入此网格',
  'record volunteer service': '记录志愿服务',
  'register volunteers with communities': '为志愿者办理社区报到',
  'register volunteers': '登记志愿者',
  'release service post claims': '释放服务岗位认领',
  'rotate webhook secrets': '轮换 Webhook 密钥',
  'its demo data': '其演示数据',
  'a district': '区县',
  'a street': '街道',
  case: '案件',
  plugin: '插件',
  // GraphQL names stay as they are.
  'Anonymous Subscription': 'Anonymous Subscription',
  Activity: 'Activity',
  ApiKey: 'ApiKey',
  Brand: 'Brand',
  Case: 'Case',
  CaseCategory: 'CaseCategory',
  District: 'District',
  Grid: 'Grid',
  GridStaffAssignment: 'GridStaffAssignment',
  Organization: 'Organization',
  OrganizationMember: 'OrganizationMember',
  Person: 'Person',
  ServicePost: 'ServicePost',
  ServicePostClaim: 'ServicePostClaim',
  ServiceRecord: 'ServiceRecord',
  Street: 'Street',
  User: 'User',
  UserSession: 'UserSession',
  Volunteer: 'Volunteer',
  VolunteerRegistration: 'VolunteerRegistration',
  VolunteerTeam: 'VolunteerTeam',
  WebhookDelivery: 'WebhookDelivery',
  WebhookEndpoint: 'WebhookEndpoint',
};

/**
 * Roles as messages name them in words (`A grid worker may not …`: the role's code in lower case,
 * `_` as spaces); codes themselves (`GRID_WORKER`) stay codes. A test holds it to the schema's
 * `Role` enum.
 */
export const zhRolePhrases: Record<string, string> = {
  caller: '调用方',
  'community staff': '社区工作人员',
  'department staff': '部门工作人员',
  'district admin': '区县管理员',
  'grid worker': '网格员',
  integration: '系统对接',
  'platform admin': '平台管理员',
  resident: '居民',
  'street admin': '街道管理员',
  volunteer: '志愿者',
};
