-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Tenant" (
    "region" TEXT NOT NULL,
    "code" INTEGER NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("region","code")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" INTEGER NOT NULL,
    "tenantReg" TEXT NOT NULL,
    "tenantCode" INTEGER NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_tenantReg_tenantCode_fkey" FOREIGN KEY ("tenantReg", "tenantCode") REFERENCES "Tenant"("region", "code") ON DELETE RESTRICT ON UPDATE CASCADE;
