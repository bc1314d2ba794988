-- Headless Neovim (0.7+) driving the prodgap language server over stdio, as a user's editor would:
--   PRODGAP_SERVER=server/out/server.js TS_FILE=/abs/file.ts nvim --headless -u NONE -i NONE -n -c 'luafile nvim-lsp-check.lua'
-- Exit status 0: the prodgap diagnostic arrived, its first quick fix was applied to the buffer,
-- the buffer holds the timeout, and the diagnostic cleared.
local SERVER = assert(os.getenv('PRODGAP_SERVER'), 'set PRODGAP_SERVER')
local FILE = assert(os.getenv('TS_FILE'), 'set TS_FILE')
local TIMEOUT_MS = tonumber(os.getenv('LSP_TIMEOUT_MS') or '20000')
local RULE = 'timeout/fetch-without-signal'

local function log(...) io.stdout:write(table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n') end

local function prodgap_diagnostics(bufnr)
  return vim.tbl_filter(function(d) return d.source == 'prodgap' and d.code == RULE end, vim.diagnostic.get(bufnr))
end

local function main()
  local client_id = vim.lsp.start_client({
    name = 'prodgap',
    cmd = { 'node', SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(FILE, ':p:h'),
  })
  assert(client_id, 'vim.lsp.start_client failed')
  vim.cmd('edit ' .. vim.fn.fnameescape(FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'typescript'
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  assert(vim.wait(TIMEOUT_MS, function() return #prodgap_diagnostics(bufnr) > 0 end, 50), 'no prodgap diagnostic')
  local d = prodgap_diagnostics(bufnr)[1]
  log(string.format('DIAG %d:%d code=%s %s', d.lnum + 1, d.col + 1, tostring(d.code), d.message))

  -- Neovim 0.7 stores no LSP range on a diagnostic: rebuild it (ASCII line, so bytes = UTF-16 units).
  local lsp_diag = {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    severity = d.severity, message = d.message, source = d.source, code = d.code,
  }
  local client = vim.lsp.get_client_by_id(client_id)
  local resp = client.request_sync('textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag }, only = { 'quickfix' } },
  }, TIMEOUT_MS, bufnr)
  assert(resp and not resp.err, 'codeAction failed: ' .. vim.inspect(resp and resp.err))
  for _, action in ipairs(resp.result or {}) do log('ACTION', action.title) end
  -- The fix comes first (Neovim 0.7 declares no isPreferred support, so the server marks none).
  local preferred = (resp.result or {})[1]
  assert(preferred and preferred.edit, 'no quick fix')
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  assert(text:find('AbortSignal.timeout%(10000%)'), 'the fix is not in the buffer')
  assert(vim.wait(TIMEOUT_MS, function() return #prodgap_diagnostics(bufnr) == 0 end, 50), 'the diagnostic did not clear')
  log('diagnostic cleared after the quick fix')
  client.stop()
end

local ok, err = xpcall(main, debug.traceback)
log(ok and 'PASS' or ('FAIL ' .. tostring(err)))
io.stdout:flush()
vim.cmd(ok and 'qall!' or 'cquit! 1')
