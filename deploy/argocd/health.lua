-- Argo CD resource health for amlnet.io/v1alpha1 TrainingEnvironment and TrainingCompute (one
-- script for both kinds; see README "GitOps"). amlnet follows the kstatus conventions: Ready sums up,
-- Reconciling and Stalled are present only while true, and status.observedGeneration names the
-- spec the conditions describe. Written for Argo CD's Lua 5.1 (gopher-lua); tested with LuaJ.
local hs = {}

local function condition(conditions, kind)
  for _, c in ipairs(conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function explain(c, fallback)
  if c == nil then
    return fallback
  end
  local text = c.reason or fallback
  if c.message ~= nil and c.message ~= "" then
    text = text .. ": " .. c.message
  end
  return text
end

if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Deleting: amlnet removes or detaches what it owns in Azure first"
  return hs
end

if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for amlnet to reconcile"
  return hs
end

local generation = obj.metadata and obj.metadata.generation
local observed = obj.status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for amlnet to observe generation " .. string.format("%d", generation)
  return hs
end

local conditions = obj.status.conditions
local stalled = condition(conditions, "Stalled")
local reconciling = condition(conditions, "Reconciling")
local ready = condition(conditions, "Ready")

if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = explain(stalled, "Stalled")
elseif reconciling ~= nil and reconciling.status == "True" then
  hs.status = "Progressing"
  hs.message = explain(reconciling, "Reconciling")
elseif ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = explain(ready, "Ready")
elseif ready ~= nil and ready.status == "False" then
  -- Not ready, and amlnet says it is neither working on it nor stuck: do not call that healthy.
  hs.status = "Degraded"
  hs.message = explain(ready, "NotReady")
else
  hs.status = "Progressing"
  hs.message = explain(ready, "Waiting for the Ready condition")
end
return hs
