-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver" (
    "identifierForTheRecordThatIsAlsoQuiteLong" INTEGER NOT NULL,
    "anotherExtremelyLongColumnNameForIndexing" TEXT NOT NULL,
    "yetAnotherVeryLongColumnNameThatIsIndexed" INTEGER NOT NULL,

    CONSTRAINT "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver_pkey" PRIMARY KEY ("identifierForTheRecordThatIsAlsoQuiteLong")
);

-- CreateTable
CREATE TABLE "OtherModelWithAnAlsoRatherLongNameForTesting" (
    "id" INTEGER NOT NULL,
    "referenceToTheModelWithTheVeryLongNameAbc" INTEGER NOT NULL,

    CONSTRAINT "OtherModelWithAnAlsoRatherLongNameForTesting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver_anot_key" ON "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver"("anotherExtremelyLongColumnNameForIndexing");

-- CreateIndex
CREATE INDEX "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver_anot_idx" ON "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver"("anotherExtremelyLongColumnNameForIndexing", "yetAnotherVeryLongColumnNameThatIsIndexed");

-- AddForeignKey
ALTER TABLE "OtherModelWithAnAlsoRatherLongNameForTesting" ADD CONSTRAINT "OtherModelWithAnAlsoRatherLongNameForTesting_referenceToTh_fkey" FOREIGN KEY ("referenceToTheModelWithTheVeryLongNameAbc") REFERENCES "AVeryLongModelNameThatKeepsGoingAndGoingForeverAndEver"("identifierForTheRecordThatIsAlsoQuiteLong") ON DELETE RESTRICT ON UPDATE CASCADE;
