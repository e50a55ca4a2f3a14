-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Doc" (
    "id" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "tags" TEXT[],
    "ip" INET NOT NULL,
    "path" TEXT NOT NULL,
    "created" TIMESTAMPTZ(3) NOT NULL,
    "n" INTEGER NOT NULL,
    "code" VARCHAR(20) NOT NULL,

    CONSTRAINT "Doc_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Doc_body_idx" ON "Doc" USING GIN ("body" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Doc_tags_idx" ON "Doc" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Doc_ip_idx" ON "Doc" USING GIST ("ip" inet_ops);

-- CreateIndex
CREATE INDEX "Doc_path_idx" ON "Doc" USING SPGIST ("path" text_ops);

-- CreateIndex
CREATE INDEX "Doc_created_idx" ON "Doc" USING BRIN ("created" timestamptz_minmax_ops);

-- CreateIndex
CREATE INDEX "Doc_n_idx" ON "Doc" USING BRIN ("n" int4_bloom_ops);

-- CreateIndex
CREATE INDEX "Doc_code_idx" ON "Doc" USING HASH ("code");

-- CreateIndex
CREATE INDEX "Doc_n_code_idx" ON "Doc"("n" DESC, "code" ASC);

-- CreateIndex
CREATE UNIQUE INDEX "Doc_code_key" ON "Doc"("code" DESC);
