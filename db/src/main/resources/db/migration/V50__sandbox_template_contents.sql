-- Template contents (issue 13): every parameter a template declares is read by a driver, or the
-- template is refused. The quota's sizes are now namespaceCpu and namespaceMemory (what the demo
-- templates always declared); appChart and vaultNamespace were read by no driver: their contents
-- are now declared as helm.<release>.* keys, edited by an admin. Templates that still hold a key no
-- driver reads keep it until they are next saved, when the editor names it.
update sandbox_template
set parameters = (parameters - 'quota.cpu' - 'quota.memory' - 'appChart' - 'vaultNamespace')
        || case when parameters ? 'quota.cpu' and not parameters ? 'namespaceCpu'
                then jsonb_build_object('namespaceCpu', parameters -> 'quota.cpu') else '{}'::jsonb end
        || case when parameters ? 'quota.memory' and not parameters ? 'namespaceMemory'
                then jsonb_build_object('namespaceMemory', parameters -> 'quota.memory') else '{}'::jsonb end
where parameters ?| array['quota.cpu', 'quota.memory', 'appChart', 'vaultNamespace'];
