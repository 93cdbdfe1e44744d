-- Witnesses' cosignatures of the audit log's checkpoints (C2SP tlog-cosignature): the signature
-- line each witness returned, stored as it came, beside the checkpoint it cosigns. The hub submits
-- its next checkpoint to a witness with a consistency proof from the largest one that witness
-- cosigned. The witness is named by its key name and key ID; the time is a copy from the line.

CREATE TABLE audit_cosignature (
    tree_size      BIGINT        NOT NULL REFERENCES audit_checkpoint (tree_size),
    witness        VARCHAR(300)  NOT NULL,
    cosigned_at    TIMESTAMP     NOT NULL,
    signature_line VARCHAR(2000) NOT NULL,
    PRIMARY KEY (tree_size, witness)
);
CREATE INDEX audit_cosignature_by_witness ON audit_cosignature (witness, tree_size);
