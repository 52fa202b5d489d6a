-- Secret names come from the provisioning contract as the layers name them (adminPassword,
-- kubeconfig, ...): camelCase must be allowed, the rest of the rule stays.
ALTER TABLE sandbox_secret DROP CONSTRAINT sandbox_secret_name_check;
ALTER TABLE sandbox_secret ADD CONSTRAINT sandbox_secret_name_check
    CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$');
